import { specControl } from "../../support/controls";
import { api, container, deployment } from "../baselines/compute";

specControl("careplane-k8s-container-limits", {
    passes: [{ it: "requests and limits for cpu and memory", fixtures: [api] }],
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
    ],
});
