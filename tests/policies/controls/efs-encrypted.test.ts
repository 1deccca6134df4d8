import { aws, patch, specControl } from "../../support/controls";

const fs = aws("aws:efs/fileSystem:FileSystem", "files", { encrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/data" });
specControl("careplane-efs-encrypted", {
    passes: [{ it: "an encrypted file system under the data key", fixtures: [fs] }],
    fails: [
        {
            it: "an unencrypted file system",
            fixtures: patch([fs], "files", { encrypted: false }),
            message: "files (aws:efs/fileSystem:FileSystem): the file system is not encrypted",
        },
        {
            it: "encrypted with the AWS-managed key",
            fixtures: patch([fs], "files", { kmsKeyId: undefined }),
            message: "it has no customer-managed KMS key",
        },
    ],
});
