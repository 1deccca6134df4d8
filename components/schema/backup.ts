import { z } from "zod";
import { Environment, EnvironmentProfile, SEVEN_YEARS_DAYS } from "../profiles";

export function backupSchema(profile: EnvironmentProfile, env: Environment) {
    const floor =
        profile.backupRetentionDays === SEVEN_YEARS_DAYS ? `${SEVEN_YEARS_DAYS} days (7 years)` : `${profile.backupRetentionDays} days`;
    return z.strictObject(
        {
            retentionDays: z
                .number({ error: "expected an integer number of days" })
                .int({ error: "expected an integer number of days" })
                .min(profile.backupRetentionDays, {
                    error: `${env} keeps backups at least ${floor}; use an integer from ${profile.backupRetentionDays} to 36500`,
                })
                .max(36500, { error: `expected an integer from ${profile.backupRetentionDays} to 36500` })
                .default(profile.backupRetentionDays),
        },
        { error: "expected a mapping of backup settings" },
    );
}

export type BackupConfig = z.output<ReturnType<typeof backupSchema>>;
