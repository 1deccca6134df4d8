import { specControl } from "../../support/controls";
import { api, ctx, deployment, inEveryOtherWorkload } from "../baselines/compute";

specControl("careplane-k8s-pod-no-privilege", {
    passes: [
        { it: "an unprivileged container dropping all capabilities", fixtures: [api] },
        { it: "the same pod as a Pod, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob", fixtures: inEveryOtherWorkload() },
    ],
    fails: [
        { it: "a privileged container", fixtures: [deployment({}, ctx({ privileged: true }))], message: "container api is privileged" },
        {
            it: "privilege escalation allowed",
            fixtures: [deployment({}, ctx({ allowPrivilegeEscalation: undefined }))],
            message: "container api may escalate privileges",
        },
        {
            it: "capabilities not dropped",
            fixtures: [deployment({}, ctx({ capabilities: undefined }))],
            message: "container api keeps the default Linux capabilities",
        },
        {
            it: "an added capability",
            fixtures: [deployment({}, ctx({ capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } }))],
            message: "container api adds capabilities SYS_ADMIN",
        },
        ...inEveryOtherWorkload({}, ctx({ privileged: true })).map((w) => ({
            it: `a privileged container in a ${w.inputs.kind}`,
            fixtures: [w],
            message: "container api is privileged",
        })),
    ],
});
