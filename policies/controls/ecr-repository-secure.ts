import { Finding, resourceControl } from "../lib/control";
import { PropsOf } from "../lib/resource-types";

const REPOSITORY = "aws:ecr/repository:Repository" as const;
const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate" as const;
const REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration" as const;

function kmsEncrypted(configurations: unknown, expected: string): Finding[] {
    const encryption = ((configurations ?? []) as Array<{ encryptionType?: string }>)[0]?.encryptionType;
    if (encryption === "KMS" || encryption === "KMS_DSSE") return [];
    return [{ problem: `images are encrypted with ${encryption ?? "AES256"}, not KMS`, expected }];
}

/**
 * The repositories ECR creates itself take their settings from the creation template of their prefix, else
 * AES256 and no lifecycle policy ("Sync an upstream registry with an Amazon ECR private registry"). A template
 * for pull-through cache alone may keep tags mutable: immutable tags "will prevent Amazon ECR from updating images
 * using the same tag", and MUTABLE is what AWS recommends there ("Creating a repository creation template"); what
 * a pod runs is pinned by digest instead (careplane-k8s-image-trusted). Scanning is not a template setting.
 */
function checkTemplate(props: PropsOf<typeof TEMPLATE>): Finding[] {
    const problems = kmsEncrypted(
        props.encryptionConfigurations,
        'encryptionConfigurations [{ encryptionType: "KMS", kmsKey: <key ARN> }]',
    );
    const appliedFors = props.appliedFors ?? [];
    const cacheOnly = appliedFors.length > 0 && appliedFors.every((a) => a === "PULL_THROUGH_CACHE");
    if (!cacheOnly && props.imageTagMutability !== "IMMUTABLE")
        problems.push({
            problem: `repositories it creates for ${appliedFors.join(", ") || "(nothing)"} keep tags ${props.imageTagMutability ?? "MUTABLE"}: a push can replace the build a tag names`,
            expected: 'imageTagMutability: "IMMUTABLE" (MUTABLE only on a template for PULL_THROUGH_CACHE alone)',
        });
    if (typeof props.lifecyclePolicy !== "string" || props.lifecyclePolicy === "")
        problems.push({
            problem: "repositories it creates get no lifecycle policy",
            expected: "lifecyclePolicy: careplane's untagged-image expiry",
        });
    return problems;
}

/**
 * The registry's scanning filters override each repository's own scanOnPush, and a repository no filter
 * matches is scanned only by hand (basic) or not at all (enhanced) ("Filters to choose which repositories are
 * scanned in Amazon ECR"): so one rule must scan every repository, on push or continuously.
 */
function checkRegistryScanning(props: PropsOf<typeof REGISTRY_SCANNING>): Finding[] {
    const rules = (props.rules ?? []) as Array<{
        scanFrequency?: string;
        repositoryFilters?: Array<{ filter?: string; filterType?: string }>;
    }>;
    const scansAll = rules.some(
        (r) =>
            (r.scanFrequency === "SCAN_ON_PUSH" || r.scanFrequency === "CONTINUOUS_SCAN") &&
            (r.repositoryFilters ?? []).some((f) => f.filter === "*" && f.filterType === "WILDCARD"),
    );
    if (scansAll) return [];
    return [
        {
            problem: "the registry leaves some repositories unscanned: no rule scans every repository on push or continuously",
            expected: 'rules [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }]',
        },
    ];
}

export const ecrRepositorySecure = resourceControl({
    name: "careplane-ecr-repository-secure",
    description:
        "Every ECR repository keeps its tags immutable (a tag names one reviewed build for good), scans each image on push, and encrypts images with KMS; the registry's scanning configuration scans every repository on push or continuously; every repository creation template encrypts with KMS, sets a lifecycle policy and keeps tags immutable (mutable only for pull-through cache repositories, which ECR refreshes).",
    hipaa: ["164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)", "164.312(c)(1)", "164.312(a)(2)(iv)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [REPOSITORY, TEMPLATE, REGISTRY_SCANNING],
    check: (all, subject) => {
        if (subject.type === TEMPLATE) return checkTemplate(all as PropsOf<typeof TEMPLATE>);
        if (subject.type === REGISTRY_SCANNING) return checkRegistryScanning(all as PropsOf<typeof REGISTRY_SCANNING>);
        const props = all as PropsOf<typeof REPOSITORY>;
        const problems: Finding[] = [];
        if (props.imageTagMutability !== "IMMUTABLE")
            problems.push({
                problem: `its tags are ${props.imageTagMutability ?? "MUTABLE"}: a push can replace the build a tag names`,
                expected: 'imageTagMutability: "IMMUTABLE"',
            });
        if (props.imageScanningConfiguration?.scanOnPush !== true)
            problems.push({ problem: "images are not scanned on push", expected: "imageScanningConfiguration.scanOnPush: true" });
        problems.push(...kmsEncrypted(props.encryptionConfigurations, 'encryptionConfigurations [{ encryptionType: "KMS" }]'));
        return problems;
    },
});
