import { specControl } from "../../support/controls";
import { api, deployment, inEveryOtherWorkload } from "../baselines/compute";

specControl("careplane-k8s-image-pinned", {
    passes: [
        { it: "a version tag", fixtures: [api] },
        { it: "a digest", fixtures: [deployment({}, { image: "ghcr.io/caresync/api@sha256:" + "a".repeat(64) })] },
        { it: "a registry with a port and a tag", fixtures: [deployment({}, { image: "registry.local:5000/api:2.0.0" })] },
        { it: "the same pod as a Pod, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob", fixtures: inEveryOtherWorkload() },
    ],
    fails: [
        {
            it: "latest",
            fixtures: [deployment({}, { image: "ghcr.io/caresync/api:latest" })],
            message: 'container api image "ghcr.io/caresync/api:latest" is tagged latest',
        },
        { it: "no tag", fixtures: [deployment({}, { image: "registry.local:5000/api" })], message: "is not pinned" },
        ...inEveryOtherWorkload({}, { image: "ghcr.io/caresync/api:latest" }).map((w) => ({
            it: `latest in a ${w.inputs.kind}`,
            fixtures: [w],
            message: "is tagged latest",
        })),
    ],
});
