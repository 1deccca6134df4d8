import { resourceControl } from "../lib/control";

export const efsEncrypted = resourceControl({
    name: "careplane-efs-encrypted",
    description: "EFS file systems encrypt data at rest with a customer-managed KMS key.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-EFSEncrypted"],
    types: ["aws:efs/fileSystem:FileSystem"],
    check: (props) => {
        if (props.encrypted !== true) return { problem: "the file system is not encrypted", expected: "encrypted: true" };
        if (!props.kmsKeyId) return { problem: "it has no customer-managed KMS key", expected: "kmsKeyId set to the stack's data key" };
        return undefined;
    },
});
