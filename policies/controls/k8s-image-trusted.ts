import { resourceControl } from "../lib/control";
import { containerName, containersOf, podSpecOf, podTemplateTypes } from "../lib/kubernetes";

/** A private ECR registry (the stack's own account's) or ECR Public, where vendors publish signed-off builds. */
const TRUSTED_REGISTRY = /^(\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?|public\.ecr\.aws)\//;
const DIGEST = /@sha256:[a-f0-9]{64}$/;

export const k8sImageTrusted = resourceControl({
    name: "careplane-k8s-image-trusted",
    description:
        "Every container image comes from an ECR registry (private, where each push is scanned and tags are immutable, or ECR Public), never Docker Hub or another registry by default; in prod it is pinned by digest, so what runs is exactly the build that was reviewed.",
    hipaa: ["164.312(c)(1)", "164.308(a)(1)(ii)(B)", "164.308(a)(5)(ii)(B)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: podTemplateTypes,
    check: (props, subject) =>
        containersOf(podSpecOf(subject, props)).flatMap((c, i) => {
            // A first preview may not know a reference built from outputs yet; the next preview judges it.
            if (typeof c.image !== "string") return [];
            if (!TRUSTED_REGISTRY.test(c.image))
                return [
                    {
                        problem: `${containerName(c, i)} image ${JSON.stringify(c.image)} comes from a registry outside ECR`,
                        expected: "an image in the stack's ECR repository (<account>.dkr.ecr.<region>.amazonaws.com/…) or ECR Public",
                    },
                ];
            if (subject.environment === "prod" && !DIGEST.test(c.image))
                return [
                    {
                        problem: `${containerName(c, i)} image ${JSON.stringify(c.image)} is not pinned by digest`,
                        expected: "an image reference ending in @sha256:<64 hex digits> in prod",
                    },
                ];
            return [];
        }),
});
