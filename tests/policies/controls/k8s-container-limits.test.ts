import { specControl } from "../../support/controls";
import { api, container, deployment, inEveryOtherWorkload } from "../baselines/compute";

specControl("careplane-k8s-container-limits", {
    passes: [
        { it: "requests and limits for cpu and memory", fixtures: [api] },
        { it: "the same pod as a Pod, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob", fixtures: inEveryOtherWorkload() },
    ],
    fails: [
        {
            it: "no resources",
            fixtures: [deployment({}, { resources: undefined })],
            message: "container api has no limits.cpu, limits.memory, requests.cpu, requests.memory",
        },
        {
            it: "no memory limit",
            fixtures: [deployment({}, { resources: { requests: container.resources.requests, limits: { cpu: "500m" } } })],
            message: "container api has no limits.memory",
        },
        ...inEveryOtherWorkload({}, { resources: undefined }).map((w) => ({
            it: `no resources in a ${w.inputs.kind}`,
            fixtures: [w],
            message: "container api has no limits.cpu, limits.memory, requests.cpu, requests.memory",
        })),
    ],
});
