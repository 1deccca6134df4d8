import { vaultAccessPolicy } from "../../../components/backup/backup";
import { aws, res, specControl } from "../../support/controls";
import { ACCOUNT, principals } from "../baselines/keys-and-break-glass";

// ---- careplane-backup-vault-restore-break-glass -------------------------------------------------------
const VAULT = "aws:backup/vault:Vault";
const vault = aws(VAULT, "vault", { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/backups" });
const vaultPolicy = (policy: unknown) =>
    res(
        "aws:backup/vaultPolicy:VaultPolicy",
        "vault-policy",
        { backupVaultName: "vault", policy: JSON.stringify(policy) },
        { backupVaultName: vault },
    );
const careplanes = vaultAccessPolicy({
    backupRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`,
    breakGlassRoleArn: principals("prod").breakGlassRole,
});
const changed = (change: (restore: any) => void) => {
    const p = structuredClone(careplanes) as any;
    change(p.Statement.find((s: any) => s.Sid === "OnlyBreakGlassRestoresOrCopies"));
    return [vault, vaultPolicy(p)];
};
specControl("careplane-backup-vault-restore-break-glass", {
    passes: [
        { it: "careplane's vault policy (break-glass and the backup role restore and copy)", fixtures: [vault, vaultPolicy(careplanes)] },
    ],
    fails: [
        {
            it: "a vault without an access policy",
            fixtures: [vault],
            message: "vault (aws:backup/vault:Vault): the vault has no access policy",
        },
        {
            it: "a policy without the restore deny",
            fixtures: changed((s) => (s.Effect = "Allow")),
            message: "the access policy of vault vault leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "a deny of restore that leaves copy open",
            fixtures: changed((s) => (s.Action = ["backup:StartRestoreJob"])),
            message: "leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "an exemption by role-name pattern",
            fixtures: changed((s) => (s.Condition.ArnNotEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:role/*`])),
            message: "leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "an exemption that names no break-glass role",
            fixtures: changed((s) => (s.Condition.ArnNotEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:role/backup`])),
            message: "leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "a deny that applies only without TLS",
            fixtures: changed((s) => (s.Condition.Bool = { "aws:SecureTransport": "false" })),
            message: "leaves restore and copy to anyone with IAM rights",
        },
    ],
});
