import { aws, Fixture, patch, res, specControl } from "../../support/controls";
import { KEY, vault, VAULT } from "../baselines/storage";

const lock = res(
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    "vault-lock",
    { backupVaultName: "vault", changeableForDays: 3, minRetentionDays: 1, maxRetentionDays: 3650 },
    { backupVaultName: vault },
);
/** A vault named "vault", a lock with minimum `min`, and a plan keeping its points there 7 days and copying them in 3 (from elsewhere). */
function vaultStoredBy(min: number, copyDays?: number): Fixture[] {
    const named = aws(VAULT, "vault", { kmsKeyArn: KEY, name: "vault" });
    const rules: any[] = [{ ruleName: "hourly", targetVaultName: "vault", schedule: "cron(0 * * * ? *)", lifecycle: { deleteAfter: 7 } }];
    if (copyDays !== undefined)
        rules.push({
            ruleName: "daily",
            targetVaultName: "other",
            schedule: "cron(0 5 * * ? *)",
            lifecycle: { deleteAfter: 30 },
            copyActions: [
                { destinationVaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:vault", lifecycle: { deleteAfter: copyDays } },
            ],
        });
    return [
        named,
        res(
            "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
            "vault-lock",
            { backupVaultName: "vault", changeableForDays: 3, minRetentionDays: min, maxRetentionDays: 3650 },
            { backupVaultName: named },
        ),
        aws("aws:backup/plan:Plan", "plan", { rules }),
    ];
}
specControl("careplane-backup-vault-lock", {
    passes: [
        { it: "a compliance-mode lock in prod", fixtures: [vault, lock] },
        { it: "a minimum equal to the shortest retention the plan gives the vault's points", fixtures: vaultStoredBy(7) },
        { it: "a minimum equal to a shorter copy into the vault", fixtures: vaultStoredBy(3, 3) },
        { it: "no lock in dev", fixtures: [aws(VAULT, "vault", { kmsKeyArn: KEY }, {}, "dev")], environment: "dev" },
    ],
    fails: [
        { it: "no lock in prod", fixtures: [vault], message: "vault (aws:backup/vault:Vault): the vault is not locked" },
        {
            it: "a governance-mode lock",
            fixtures: [vault, ...patch([lock], "vault-lock", { changeableForDays: undefined })],
            message: "the lock of vault vault is in governance mode",
        },
        {
            it: "no minimum retention",
            fixtures: [vault, ...patch([lock], "vault-lock", { minRetentionDays: undefined })],
            message: "the lock of vault vault sets no minimum retention",
        },
        {
            it: "a minimum below the shortest retention the plan gives the vault's points",
            fixtures: vaultStoredBy(1),
            message:
                "the lock of vault vault accepts recovery points kept 1 days, fewer than the 7 the stack's rules keep there, so a plan change could shorten them; expected minRetentionDays of at least 7",
        },
        {
            it: "a minimum below a copy's retention in the vault",
            fixtures: vaultStoredBy(3, 5),
            message: "accepts recovery points kept 3 days, fewer than the 5 the stack's rules keep there",
        },
        {
            it: "a maximum below 7 years",
            fixtures: [vault, ...patch([lock], "vault-lock", { maxRetentionDays: 365 })],
            message: "caps retention at 365 days",
        },
    ],
});
