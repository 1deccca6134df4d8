import { resourceControl } from "../lib/control";
import { containerName, containersOf, podSpecOf, podTemplateTypes } from "../lib/kubernetes";

export const k8sReadOnlyRootFilesystem = resourceControl({
    name: "careplane-k8s-read-only-root-filesystem",
    description: "Every container's root filesystem is read-only; writable paths are explicit emptyDir volumes.",
    hipaa: ["164.312(c)(1)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: podTemplateTypes,
    check: (props, subject) =>
        containersOf(podSpecOf(subject, props))
            .map((c, i) => ({ c, i }))
            .filter(({ c }) => c.securityContext?.readOnlyRootFilesystem !== true)
            .map(({ c, i }) => ({
                problem: `${containerName(c, i)} can write to its root filesystem`,
                expected: "securityContext.readOnlyRootFilesystem: true",
            })),
});
