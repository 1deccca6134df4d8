import { specControl } from "../../support/controls";
import { api, ctx, deployment, inEveryOtherWorkload } from "../baselines/compute";

specControl("careplane-k8s-pod-non-root", {
    passes: [
        { it: "runAsNonRoot with a non-zero UID", fixtures: [api] },
        { it: "the same pod as a Pod, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob", fixtures: inEveryOtherWorkload() },
    ],
    fails: [
        {
            it: "runAsNonRoot unset on pod and container",
            fixtures: [deployment({ securityContext: {} }, ctx({ runAsNonRoot: undefined }))],
            message: "api (kubernetes:apps/v1:Deployment): container api may run as root (runAsNonRoot not true)",
        },
        { it: "UID 0", fixtures: [deployment({}, ctx({ runAsUser: 0 }))], message: "container api runs as UID 0" },
        ...inEveryOtherWorkload({}, ctx({ runAsUser: 0 })).map((w) => ({
            it: `UID 0 in a ${w.inputs.kind}`,
            fixtures: [w],
            message: "container api runs as UID 0",
        })),
    ],
});
