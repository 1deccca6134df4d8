import { specControl } from "../../support/controls";
import { api, ctx, deployment, inEveryOtherWorkload } from "../baselines/compute";

specControl("careplane-k8s-read-only-root-filesystem", {
    passes: [
        { it: "a read-only root", fixtures: [api] },
        { it: "the same pod as a Pod, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob", fixtures: inEveryOtherWorkload() },
    ],
    fails: [
        {
            it: "a writable root",
            fixtures: [deployment({}, ctx({ readOnlyRootFilesystem: false }))],
            message: "container api can write to its root filesystem",
        },
        ...inEveryOtherWorkload({}, ctx({ readOnlyRootFilesystem: false })).map((w) => ({
            it: `a writable root in a ${w.inputs.kind}`,
            fixtures: [w],
            message: "container api can write to its root filesystem",
        })),
    ],
});
