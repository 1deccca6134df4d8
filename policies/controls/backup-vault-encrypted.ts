import { resourceControl } from "../lib/control";
import { VAULT } from "../lib/backup";

export const backupVaultEncrypted = resourceControl({
    name: "careplane-backup-vault-encrypted",
    description: "Every AWS Backup vault encrypts recovery points with the stack's customer-managed backups key.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [VAULT],
    check: (props) =>
        typeof props.kmsKeyArn === "string" && props.kmsKeyArn !== ""
            ? undefined
            : { problem: "recovery points are encrypted with the AWS-managed key", expected: "kmsKeyArn set to the stack's backups key" },
});
