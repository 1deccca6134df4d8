import { Finding, resourceControl } from "../lib/control";
import { containerName, containersOf, podSpecOf, podTemplateTypes } from "../lib/kubernetes";

export const k8sPodNonRoot = resourceControl({
    name: "careplane-k8s-pod-non-root",
    description: "Every container runs as a non-root user (runAsNonRoot on the pod or the container, never UID 0).",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: podTemplateTypes,
    check: (props, subject) => {
        const pod = podSpecOf(subject, props);
        const podContext = pod?.securityContext ?? {};
        const problems: Finding[] = [];
        containersOf(pod).forEach((c, i) => {
            const ctx = c.securityContext ?? {};
            const nonRoot = ctx.runAsNonRoot ?? podContext.runAsNonRoot;
            const user = ctx.runAsUser ?? podContext.runAsUser;
            if (nonRoot !== true) {
                problems.push({
                    problem: `${containerName(c, i)} may run as root (runAsNonRoot not true)`,
                    expected: "securityContext.runAsNonRoot: true",
                });
            } else if (user === 0) {
                problems.push({ problem: `${containerName(c, i)} runs as UID 0`, expected: "runAsUser above 0" });
            }
        });
        return problems;
    },
});
