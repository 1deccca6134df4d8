import { stackControl } from "../lib/control";
import { environmentOfUrn } from "../lib/environment";
import { VAULT, VAULT_LOCK } from "../lib/backup";
import { backupRetentionDays } from "../lib/minimums";
import { ofType, referencing } from "../lib/stack";

export const backupVaultLock = stackControl({
    name: "careplane-backup-vault-lock",
    description:
        "In prod every backup vault is locked in compliance mode (a grace period then immutable), with a maximum retention no shorter than 7 years, so nobody, root included, can delete or shorten backups.",
    hipaa: ["164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)", "164.312(c)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [VAULT, VAULT_LOCK],
    check: (resources, report) => {
        for (const vault of ofType(resources, VAULT)) {
            const env = environmentOfUrn(vault.urn);
            if (env !== "prod") continue;
            const locks = referencing(resources, vault, "backupVaultName", VAULT_LOCK);
            if (locks.length === 0) {
                report(vault, { problem: "the vault is not locked", expected: "an aws.backup.VaultLockConfiguration in prod" });
                continue;
            }
            for (const lock of locks) {
                const p = lock.props;
                if (typeof p.changeableForDays !== "number") {
                    report(lock, {
                        problem: `the lock of vault ${vault.name} is in governance mode (no changeableForDays)`,
                        expected: "changeableForDays set (compliance mode)",
                    });
                }
                if (typeof p.minRetentionDays !== "number" || p.minRetentionDays < 1) {
                    report(lock, {
                        problem: `the lock of vault ${vault.name} sets no minimum retention`,
                        expected: "minRetentionDays of at least 1",
                    });
                }
                if (p.maxRetentionDays !== undefined && p.maxRetentionDays < backupRetentionDays.prod) {
                    report(lock, {
                        problem: `the lock of vault ${vault.name} caps retention at ${p.maxRetentionDays} days`,
                        expected: `maxRetentionDays of at least ${backupRetentionDays.prod} (7 years) or none`,
                    });
                }
            }
        }
    },
});
