// The legal and contractual floors the pack enforces, by environment [seed 000, 001, 003, 004].
// A resource's environment is its stack's (lib/environment.ts), never its Environment tag or
// label; a stack whose name names no environment is held to prod's floors.

export const environments = ["dev", "test", "staging", "prod"] as const;
export type Environment = (typeof environments)[number];

export const SEVEN_YEARS_DAYS = 2557;

/** How long backups are kept [000: dev 30 days, test/staging 90, prod 7 years]. */
export const backupRetentionDays: Record<Environment, number> = { dev: 30, test: 90, staging: 90, prod: SEVEN_YEARS_DAYS };

/** Longest tolerated data loss, in hours [000, 004: RPO 1 h in prod]. */
export const rpoHours: Record<Environment, number> = { dev: 24, test: 24, staging: 24, prod: 1 };

/** CloudWatch retention: operational logs 30 days everywhere [003, 004]; audit-class logs longer. */
export const logRetentionDays: Record<Environment, { application: number; audit: number }> = {
    dev: { application: 30, audit: 30 },
    test: { application: 30, audit: 90 },
    staging: { application: 30, audit: 90 },
    prod: { application: 30, audit: 365 },
};

/** Environments whose data must survive an AZ loss and a careless delete [000: staging and prod]. */
export const highAvailability: Record<Environment, boolean> = { dev: false, test: false, staging: true, prod: true };

/** ElastiCache snapshot retention in days (cdk-nag asks 15; careplane asks it in prod). */
export const cacheSnapshotRetentionDays: Record<Environment, number> = { dev: 1, test: 1, staging: 1, prod: 15 };

/** Secrets rotate at least quarterly everywhere [004]. */
export const SECRET_ROTATION_MAX_DAYS = 90;

/** Days a deleted secret can still be restored, in prod [issue 3: 30 days]. */
export const PROD_SECRET_RECOVERY_WINDOW_DAYS = 30;

/** Days a KMS key scheduled for deletion can still be cancelled, in prod (AWS's maximum). */
export const PROD_KEY_DELETION_WINDOW_DAYS = 30;

export function isEnvironment(value: unknown): value is Environment {
    return (environments as readonly unknown[]).includes(value);
}

/** Days of RDS automated backups (point-in-time recovery); longer retention is AWS Backup's job. */
export const rdsBackupRetentionDays: Record<Environment, number> = { dev: 1, test: 1, staging: 7, prod: 7 };

/** HIPAA's six years for documentation of required actions and activities [164.316(b)(2)(i)], as CloudWatch counts them. */
export const AUDIT_ARCHIVE_MIN_DAYS = 2192;
