import { Finding, resourceControl } from "../lib/control";

export const ecrRepositorySecure = resourceControl({
    name: "careplane-ecr-repository-secure",
    description:
        "Every ECR repository keeps its tags immutable (a tag names one reviewed build for good), scans each image on push, and encrypts images with KMS.",
    hipaa: ["164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)", "164.312(c)(1)", "164.312(a)(2)(iv)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:ecr/repository:Repository"],
    check: (props) => {
        const problems: Finding[] = [];
        if (props.imageTagMutability !== "IMMUTABLE")
            problems.push({
                problem: `its tags are ${props.imageTagMutability ?? "MUTABLE"}: a push can replace the build a tag names`,
                expected: 'imageTagMutability: "IMMUTABLE"',
            });
        if (props.imageScanningConfiguration?.scanOnPush !== true)
            problems.push({ problem: "images are not scanned on push", expected: "imageScanningConfiguration.scanOnPush: true" });
        const encryption = (props.encryptionConfigurations ?? [])[0]?.encryptionType;
        if (encryption !== "KMS" && encryption !== "KMS_DSSE")
            problems.push({
                problem: `images are encrypted with ${encryption ?? "AES256"}, not KMS`,
                expected: 'encryptionConfigurations [{ encryptionType: "KMS" }]',
            });
        return problems;
    },
});
