import { resourceControl } from "../lib/control";
import { containerName, containersOf, podSpecOf, podTemplateTypes } from "../lib/kubernetes";

/** The tag of an image reference, undefined when it has none (a digest counts as pinned). */
function tagOf(image: string): string | undefined {
    if (image.includes("@sha256:")) return "digest";
    const lastSegment = image.slice(image.lastIndexOf("/") + 1);
    const colon = lastSegment.indexOf(":");
    return colon === -1 ? undefined : lastSegment.slice(colon + 1);
}

export const k8sImagePinned = resourceControl({
    name: "careplane-k8s-image-pinned",
    description: "Every container image names a version tag or digest, never `latest` or no tag, so what runs is what was reviewed.",
    hipaa: ["164.312(c)(1)", "164.308(a)(5)(ii)(B)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: podTemplateTypes,
    check: (props, subject) =>
        containersOf(podSpecOf(subject, props)).flatMap((c, i) => {
            const tag = typeof c.image === "string" ? tagOf(c.image) : undefined;
            if (tag !== undefined && tag !== "latest") return [];
            return [
                {
                    problem: `${containerName(c, i)} image ${JSON.stringify(c.image)} is ${tag === "latest" ? "tagged latest" : "not pinned"}`,
                    expected: "an image with a version tag or a sha256 digest",
                },
            ];
        }),
});
