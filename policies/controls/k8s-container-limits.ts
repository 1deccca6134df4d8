import { Finding, resourceControl } from "../lib/control";
import { containerName, containersOf, podSpecOf, podTemplateTypes } from "../lib/kubernetes";

export const k8sContainerLimits = resourceControl({
    name: "careplane-k8s-container-limits",
    description: "Every container declares CPU and memory requests and limits, so one workload cannot starve the others on a node.",
    hipaa: ["164.308(a)(7)(ii)(C)", "164.312(a)(1)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: podTemplateTypes,
    check: (props, subject) => {
        const problems: Finding[] = [];
        containersOf(podSpecOf(subject, props)).forEach((c, i) => {
            const missing = (["limits", "requests"] as const).flatMap((kind) =>
                ["cpu", "memory"].filter((r) => c.resources?.[kind]?.[r] === undefined).map((r) => `${kind}.${r}`),
            );
            if (missing.length > 0) {
                problems.push({
                    problem: `${containerName(c, i)} has no ${missing.join(", ")}`,
                    expected: "resources.requests and resources.limits for cpu and memory",
                });
            }
        });
        return problems;
    },
});
