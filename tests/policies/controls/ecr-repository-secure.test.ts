import { aws, patch, res, specControl } from "../../support/controls";

const REPOSITORY = "aws:ecr/repository:Repository";
const repository = aws(
    REPOSITORY,
    "images",
    {
        name: "caresync/api",
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS" }],
    },
    {},
    "prod",
    "internal",
);
// A pull-through cache's template (Amazon ECR User Guide, "Creating a repository creation template": MUTABLE is
// recommended for pull-through cache repositories, which ECR refreshes; else they are AES256 with no lifecycle).
const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
const cacheTemplate = res(TEMPLATE, "ghcr-template", {
    prefix: "ghcr",
    appliedFors: ["PULL_THROUGH_CACHE"],
    imageTagMutability: "MUTABLE",
    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:us-east-1:123456789012:key/ghcr-images" }],
    lifecyclePolicy: '{"rules":[]}',
});
const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const registryScanning = res(SCANNING, "image-scanning", {
    scanType: "BASIC",
    rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
});
specControl("careplane-ecr-repository-secure", {
    passes: [
        { it: "a registry that scans every repository on push", fixtures: [registryScanning] },
        {
            it: "a registry that scans every repository continuously (enhanced)",
            fixtures: patch([registryScanning], "image-scanning", {
                scanType: "ENHANCED",
                rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
            }),
        },
        { it: "immutable tags, scan on push, KMS", fixtures: [repository] },
        { it: "a pull-through cache template: KMS, a lifecycle policy, mutable tags ECR can refresh", fixtures: [cacheTemplate] },
        {
            it: "a replication template with immutable tags",
            fixtures: patch([cacheTemplate], "ghcr-template", { appliedFors: ["REPLICATION"], imageTagMutability: "IMMUTABLE" }),
        },
    ],
    fails: [
        {
            it: "a registry that scans only the repositories of one prefix (the cache's go unscanned)",
            fixtures: patch([registryScanning], "image-scanning", {
                rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "caresync/*", filterType: "WILDCARD" }] }],
            }),
            message:
                "image-scanning (aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration): the registry leaves some repositories unscanned",
        },
        {
            it: "a registry with no scanning rule",
            fixtures: patch([registryScanning], "image-scanning", { rules: undefined }),
            message: "no rule scans every repository on push or continuously",
        },
        {
            it: "a template leaving the repositories it creates on AES256",
            fixtures: patch([cacheTemplate], "ghcr-template", { encryptionConfigurations: undefined }),
            message:
                "ghcr-template (aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate): images are encrypted with AES256, not KMS",
        },
        {
            it: "a template without a lifecycle policy",
            fixtures: patch([cacheTemplate], "ghcr-template", { lifecyclePolicy: undefined }),
            message: "repositories it creates get no lifecycle policy",
        },
        {
            it: "a template for pushed (create-on-push) repositories with mutable tags",
            fixtures: patch([cacheTemplate], "ghcr-template", { appliedFors: ["PULL_THROUGH_CACHE", "CREATE_ON_PUSH"] }),
            message: "repositories it creates for PULL_THROUGH_CACHE, CREATE_ON_PUSH keep tags MUTABLE",
        },
        {
            it: "mutable tags",
            fixtures: patch([repository], "images", { imageTagMutability: "MUTABLE" }),
            message: "images (aws:ecr/repository:Repository): its tags are MUTABLE",
        },
        {
            it: "no scan on push",
            fixtures: patch([repository], "images", { imageScanningConfiguration: undefined }),
            message: "images are not scanned on push",
        },
        {
            it: "AES256 encryption",
            fixtures: patch([repository], "images", { encryptionConfigurations: [{ encryptionType: "AES256" }] }),
            message: "images are encrypted with AES256, not KMS",
        },
    ],
});
