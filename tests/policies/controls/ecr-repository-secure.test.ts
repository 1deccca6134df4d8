import { aws, patch, specControl } from "../../support/controls";

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
specControl("careplane-ecr-repository-secure", {
    passes: [{ it: "immutable tags, scan on push, KMS", fixtures: [repository] }],
    fails: [
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
