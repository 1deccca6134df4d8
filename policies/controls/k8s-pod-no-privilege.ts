import { Finding, resourceControl } from "../lib/control";
import { containerName, containersOf, podSpecOf, podTemplateTypes } from "../lib/kubernetes";

/** The one capability the restricted Pod Security Standard lets a container add. */
const ALLOWED_ADD = ["NET_BIND_SERVICE"];

export const k8sPodNoPrivilege = resourceControl({
    name: "careplane-k8s-pod-no-privilege",
    description:
        "No container is privileged or may escalate privileges; every container drops all Linux capabilities (the restricted Pod Security Standard).",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: podTemplateTypes,
    check: (props, subject) => {
        const problems: Finding[] = [];
        containersOf(podSpecOf(subject, props)).forEach((c, i) => {
            const ctx = c.securityContext ?? {};
            const name = containerName(c, i);
            if (ctx.privileged === true) problems.push({ problem: `${name} is privileged`, expected: "privileged: false" });
            if (ctx.allowPrivilegeEscalation !== false) {
                problems.push({ problem: `${name} may escalate privileges`, expected: "securityContext.allowPrivilegeEscalation: false" });
            }
            const drop: string[] = ctx.capabilities?.drop ?? [];
            if (!drop.includes("ALL"))
                problems.push({ problem: `${name} keeps the default Linux capabilities`, expected: 'capabilities.drop: ["ALL"]' });
            const added = (ctx.capabilities?.add ?? []).filter((a: string) => !ALLOWED_ADD.includes(a));
            if (added.length > 0)
                problems.push({
                    problem: `${name} adds capabilities ${added.join(", ")}`,
                    expected: "no added capabilities beyond NET_BIND_SERVICE",
                });
        });
        return problems;
    },
});
