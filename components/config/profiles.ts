// Environment profiles: the floor every stack of an environment starts from [seed 000].
// A stack's config may raise these figures, never lower them (see config.ts).

export const environments = ["dev", "test", "staging", "prod"] as const;
export type Environment = (typeof environments)[number];

/** What a service does: web and api take traffic through the ingress; workers take none. */
export const serviceTiers = ["web", "api", "worker"] as const;
export type ServiceTier = (typeof serviceTiers)[number];

/** Weekdays (a cron day-of-week field such as MON-FRI) from `start` to `end` o'clock in an IANA time zone. */
export interface BusinessHours {
    days: string;
    start: number;
    end: number;
    timezone: string;
}

export interface ReplicaRange {
    min: number;
    max: number;
}

export interface EnvironmentProfile {
    /** When the environment must be up [000]. */
    uptime: "business-hours" | "24x7";
    /**
     * When a business-hours environment runs, in local time: the default of `careplane:uptime` [000: dev "business
     * hours only", test "business hours + extended testing windows"], in the hospital's time zone (CareSync's guide
     * announces its times in EST). Undefined where the environment runs 24x7.
     */
    businessHours: BusinessHours | undefined;
    /** Availability target in percent; prod 99.9 [000]. */
    slaPercent: number | undefined;
    /** How long backups are kept, in days [000: dev 30, test/staging 90, prod 7 years]. */
    backupRetentionDays: number;
    /** Longest tolerated data loss and outage, in hours [000, 004]. */
    rpoHours: number;
    rtoHours: number;
    /** Full backups run daily everywhere; prod also ships transaction logs hourly [000]. */
    transactionLogIntervalHours: number | undefined;
    /** Stateful resources refuse deletion and are `protect`ed in Pulumi. */
    deletionProtection: boolean;
    multiAz: boolean;
    /** Fewest availability zones the network may span. */
    minAvailabilityZones: number;
    /** A NAT gateway in every AZ (no cross-AZ dependency for egress) or a single shared one. */
    natGateways: "perAz" | "single";
    /** CloudWatch retention for operational logs and for audit-grade logs (flow, database, trail). */
    logRetentionDays: number;
    auditLogRetentionDays: number;
    /**
     * EKS managed nodes: seed 000's counts (dev 2, prod 6) on m6i.large instead of its t3 types, which take no
     * security groups for pods and do not encrypt traffic between instances (instance-types.ts); count is the floor.
     */
    nodeGroup: { instanceType: string; count: number };
    /**
     * Autoscaling range per service tier, the floor config may raise: prod api 3–20 [000], workers
     * 3–10 [003]; staging runs seed 001's ranges (frontend 2–10, backend 3–15).
     */
    replicas: Record<ServiceTier, ReplicaRange>;
    /** Object Lock mode of the backup bucket; COMPLIANCE (prod) also locks the AWS Backup vaults. */
    objectLockMode: "COMPLIANCE" | "GOVERNANCE";
    /** Backups replicate to, and are copied into, a second region [000: regional failover]. */
    disasterRecovery: boolean;
    /** AWS Backup restores recovery points weekly to prove they work [004]. */
    weeklyRestoreTests: boolean;
    /**
     * PostgreSQL: instance class (dev/test the smallest burstable class Performance Insights
     * supports; prod as seed 001 sizes it), storage and its autoscaling ceiling, and read replicas by
     * default [000: 3 in prod] with the fewest a stack may run [002: prod with 2 is a real setup].
     */
    database: { instanceClass: string; storageGb: number; maxStorageGb: number; readReplicas: { default: number; minimum: number } };
    /**
     * Redis: node type (prod as seed 001 runs it, cache.r6g.large), replicas per shard (a failover
     * target wherever the environment runs Multi-AZ), snapshot retention default and floor (prod
     * keeps at least 15 days).
     */
    cache: { nodeType: string; replicasPerShard: number; snapshotRetentionDays: { default: number; minimum: number } };
}

/** CloudWatch Logs accepts only these retention periods (days). */
export const cloudWatchRetentionDays = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Seven years, counted as CloudWatch and AWS Backup count them (two leap days included). */
export const SEVEN_YEARS_DAYS = 2557;

export const profiles: Record<Environment, EnvironmentProfile> = {
    dev: {
        uptime: "business-hours",
        businessHours: { days: "MON-FRI", start: 7, end: 19, timezone: "America/New_York" },
        slaPercent: undefined,
        backupRetentionDays: 30,
        rpoHours: 24,
        rtoHours: 24,
        transactionLogIntervalHours: undefined,
        deletionProtection: false,
        multiAz: false,
        minAvailabilityZones: 2,
        natGateways: "single",
        logRetentionDays: 30,
        auditLogRetentionDays: 30,
        nodeGroup: { instanceType: "m6i.large", count: 2 },
        replicas: { web: { min: 1, max: 3 }, api: { min: 1, max: 3 }, worker: { min: 1, max: 2 } },
        objectLockMode: "GOVERNANCE",
        disasterRecovery: false,
        weeklyRestoreTests: false,
        database: { instanceClass: "db.t4g.medium", storageGb: 20, maxStorageGb: 100, readReplicas: { default: 0, minimum: 0 } },
        cache: { nodeType: "cache.t4g.small", replicasPerShard: 0, snapshotRetentionDays: { default: 1, minimum: 1 } },
    },
    test: {
        uptime: "business-hours",
        // The extended testing windows: an hour earlier and three later than dev.
        businessHours: { days: "MON-FRI", start: 6, end: 22, timezone: "America/New_York" },
        slaPercent: undefined,
        backupRetentionDays: 90,
        rpoHours: 24,
        rtoHours: 24,
        transactionLogIntervalHours: undefined,
        deletionProtection: false,
        multiAz: false,
        minAvailabilityZones: 2,
        natGateways: "single",
        logRetentionDays: 30,
        auditLogRetentionDays: 90,
        nodeGroup: { instanceType: "m6i.large", count: 2 },
        replicas: { web: { min: 2, max: 4 }, api: { min: 2, max: 6 }, worker: { min: 1, max: 3 } },
        objectLockMode: "GOVERNANCE",
        disasterRecovery: false,
        weeklyRestoreTests: false,
        database: { instanceClass: "db.t4g.medium", storageGb: 20, maxStorageGb: 100, readReplicas: { default: 0, minimum: 0 } },
        cache: { nodeType: "cache.t4g.small", replicasPerShard: 0, snapshotRetentionDays: { default: 1, minimum: 1 } },
    },
    staging: {
        uptime: "24x7",
        businessHours: undefined,
        slaPercent: undefined,
        backupRetentionDays: 90,
        rpoHours: 24,
        rtoHours: 4,
        transactionLogIntervalHours: undefined,
        deletionProtection: true,
        multiAz: true,
        minAvailabilityZones: 3,
        natGateways: "single",
        logRetentionDays: 30,
        auditLogRetentionDays: 90,
        nodeGroup: { instanceType: "m6i.large", count: 3 },
        replicas: { web: { min: 2, max: 10 }, api: { min: 3, max: 15 }, worker: { min: 2, max: 6 } },
        objectLockMode: "GOVERNANCE",
        disasterRecovery: false,
        weeklyRestoreTests: false,
        database: { instanceClass: "db.r6g.large", storageGb: 100, maxStorageGb: 500, readReplicas: { default: 1, minimum: 1 } },
        cache: { nodeType: "cache.r6g.large", replicasPerShard: 1, snapshotRetentionDays: { default: 7, minimum: 1 } },
    },
    prod: {
        uptime: "24x7",
        businessHours: undefined,
        slaPercent: 99.9,
        backupRetentionDays: SEVEN_YEARS_DAYS,
        rpoHours: 1,
        rtoHours: 4,
        transactionLogIntervalHours: 1,
        deletionProtection: true,
        multiAz: true,
        minAvailabilityZones: 3,
        natGateways: "perAz",
        logRetentionDays: 30,
        auditLogRetentionDays: 365,
        nodeGroup: { instanceType: "m6i.large", count: 6 },
        replicas: { web: { min: 3, max: 10 }, api: { min: 3, max: 20 }, worker: { min: 3, max: 10 } },
        objectLockMode: "COMPLIANCE",
        disasterRecovery: true,
        weeklyRestoreTests: true,
        database: { instanceClass: "db.r6g.xlarge", storageGb: 200, maxStorageGb: 2000, readReplicas: { default: 3, minimum: 2 } },
        cache: { nodeType: "cache.r6g.large", replicasPerShard: 2, snapshotRetentionDays: { default: 15, minimum: 15 } },
    },
};
