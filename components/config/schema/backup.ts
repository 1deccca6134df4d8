import { z } from "zod";
import { Environment, EnvironmentProfile, SEVEN_YEARS_DAYS } from "../profiles";
import { atLeastProfile } from "./refinements";

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** `careplane:backup`: how long backups are kept, how they are locked, and where DR copies go. */
export function backupSchema(profile: EnvironmentProfile, env: Environment, region: string) {
    const floor =
        profile.backupRetentionDays === SEVEN_YEARS_DAYS ? `${SEVEN_YEARS_DAYS} days (7 years)` : `${profile.backupRetentionDays} days`;
    return z
        .strictObject(
            {
                retentionDays: z
                    .number({ error: "expected an integer number of days" })
                    .int({ error: "expected an integer number of days" })
                    .min(profile.backupRetentionDays, {
                        error: `${env} keeps backups at least ${floor}; use an integer from ${profile.backupRetentionDays} to 36500`,
                    })
                    .max(36500, { error: `expected an integer from ${profile.backupRetentionDays} to 36500` })
                    .default(profile.backupRetentionDays),
                /** Object Lock mode of the backup bucket: COMPLIANCE cannot be lifted by anyone, root included. */
                objectLockMode: z
                    .enum(["COMPLIANCE", "GOVERNANCE"], { error: `expected "COMPLIANCE" or "GOVERNANCE"` })
                    .refine(
                        atLeastProfile(profile.objectLockMode === "COMPLIANCE", (v) => v === "COMPLIANCE"),
                        { error: `${env} locks backups in COMPLIANCE mode; only "COMPLIANCE" is allowed` },
                    )
                    .default(profile.objectLockMode),
                /** The region that receives replicated backups and backup copies; required where the profile asks for DR. */
                drRegion: z
                    .string({ error: "expected an AWS region such as us-west-2" })
                    .regex(REGION, { error: "expected an AWS region such as us-west-2" })
                    .refine((r) => r !== region, { error: `expected a region other than aws:region (${region}), such as us-west-2` })
                    .optional(),
                /** Weekly AWS Backup restore tests that prove the recovery points restore. */
                restoreTesting: z
                    .boolean({ error: "expected true or false" })
                    .refine(
                        atLeastProfile(profile.weeklyRestoreTests, (v: boolean) => v),
                        { error: `${env} verifies backups by weekly restore tests; only true is allowed` },
                    )
                    .default(profile.weeklyRestoreTests),
            },
            { error: "expected a mapping of backup settings" },
        )
        .refine((b) => !profile.disasterRecovery || b.drRegion !== undefined, {
            path: ["drRegion"],
            error: `${env} replicates backups to a disaster-recovery region; set drRegion to a region other than aws:region (${region}), such as us-west-2`,
        });
}

export type BackupConfig = z.output<ReturnType<typeof backupSchema>>;
