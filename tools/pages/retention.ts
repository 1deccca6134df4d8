import { PlannedResource } from "../engine/plan";
import { PlanIndex, titleOf } from "./plan-index";
import { cadenceOf } from "./schedule";

/** One line of the retention table: what is kept, how, and for how long. */
export interface RetentionRow {
    what: string;
    resource: string;
    region: string;
    detail: string;
    /** Days kept; undefined when the resource keeps it forever or does not say. */
    days: number | undefined;
}

export interface RecoveryFigures {
    /** The most frequent backup schedule, in hours: the worst data loss a restore from backups implies. */
    backupRpoHours: number | undefined;
    /** Point-in-time recovery is planned (continuous backup, or RDS automated backups). */
    pointInTime: string[];
    /** RPO/RTO declared on resources as tags, e.g. `RPO: 1h`. */
    declared: Array<{ resource: string; key: string; value: string }>;
    restoreTests: string[];
    rows: RetentionRow[];
}

/** Retention and recovery figures read from the resources of a plan (stack outputs are not in it). */
export function recoveryFigures(index: PlanIndex): RecoveryFigures {
    const rows: RetentionRow[] = [];
    const row = (what: string, r: PlannedResource, detail: string, days: number | undefined) =>
        rows.push({ what, resource: titleOf(r), region: index.regionOf(r), detail, days });
    const intervals: number[] = [];
    const pointInTime: string[] = [];

    for (const plan of index.ofType(/^aws:backup\/plan:Plan$/)) {
        for (const rule of asArray(plan.inputs.rules)) {
            const cadence = cadenceOf(rule.schedule);
            if (cadence.intervalHours !== undefined) intervals.push(cadence.intervalHours);
            if (rule.enableContinuousBackup === true) pointInTime.push(`${titleOf(plan)} / ${rule.ruleName} (continuous backup)`);
            const copies = asArray(rule.copyActions).map((c) => {
                const vault = index.resolve(plan, c.destinationVaultArn);
                return vault ? `${titleOf(vault)} (${index.regionOf(vault)})` : String(c.destinationVaultArn);
            });
            const cold = rule.lifecycle?.coldStorageAfter;
            const detail = [
                `${cadence.name} (${rule.schedule ?? "no schedule"})`,
                cold !== undefined ? `cold storage after ${cold} d` : "",
                copies.length > 0 ? `copied to ${copies.join(", ")}` : "",
            ]
                .filter(Boolean)
                .join("; ");
            row(`backup rule ${rule.ruleName ?? ""}`.trim(), plan, detail, numberOr(rule.lifecycle?.deleteAfter));
        }
    }
    for (const lock of index.ofType(/^aws:backup\/vaultLockConfiguration:/)) {
        const vault = index.resolve(lock, lock.inputs.backupVaultName);
        const detail = `vault lock ${vault ? titleOf(vault) : ""}: at least ${lock.inputs.minRetentionDays ?? "?"} d, at most ${lock.inputs.maxRetentionDays ?? "∞"} d${lock.inputs.changeableForDays !== undefined ? `, immutable after ${lock.inputs.changeableForDays} d` : ""}`;
        rows.push({
            what: "vault lock",
            resource: titleOf(vault ?? lock),
            region: index.regionOf(lock),
            detail,
            days: numberOr(lock.inputs.minRetentionDays),
        });
    }
    for (const config of index.ofType(/^aws:s3\/bucketObjectLockConfiguration(V2)?:/)) {
        const retention = (config.inputs.rule as any)?.defaultRetention ?? {};
        const bucket = index.resolve(config, config.inputs.bucket);
        const days = retention.years !== undefined ? Number(retention.years) * 365 : numberOr(retention.days);
        const span = retention.years !== undefined ? `${retention.years} years` : `${retention.days} days`;
        rows.push({
            what: "Object Lock",
            resource: bucket ? titleOf(bucket) : titleOf(config),
            region: index.regionOf(config),
            detail: `${retention.mode ?? "?"} mode, ${span}`,
            days,
        });
    }
    for (const config of index.ofType(/^aws:s3\/bucketLifecycleConfiguration(V2)?:/)) {
        const bucket = index.resolve(config, config.inputs.bucket);
        for (const rule of asArray(config.inputs.rules)) {
            const parts = [
                ...asArray(rule.transitions).map((t) => `${t.storageClass} after ${t.days} d`),
                ...asArray(rule.noncurrentVersionTransitions).map((t) => `noncurrent ${t.storageClass} after ${t.noncurrentDays} d`),
                rule.expiration?.days !== undefined ? `expire after ${rule.expiration.days} d` : "",
                rule.noncurrentVersionExpiration?.noncurrentDays !== undefined
                    ? `noncurrent expire after ${rule.noncurrentVersionExpiration.noncurrentDays} d`
                    : "",
            ].filter(Boolean);
            rows.push({
                what: `lifecycle ${rule.id ?? ""}`.trim(),
                resource: bucket ? titleOf(bucket) : titleOf(config),
                region: index.regionOf(config),
                detail: parts.join("; ") || String(rule.status ?? ""),
                days: numberOr(rule.expiration?.days ?? rule.noncurrentVersionExpiration?.noncurrentDays),
            });
        }
    }
    for (const db of index.ofType(/^aws:rds\/(instance|cluster):/)) {
        const days = numberOr(db.inputs.backupRetentionPeriod);
        if (days !== undefined && days > 0)
            pointInTime.push(`${titleOf(db)} (RDS automated backups: any second of the last ${days} d, up to about 5 min ago)`);
        if (days !== undefined)
            row("automated backups", db, `backup window ${db.inputs.backupWindow ?? db.inputs.preferredBackupWindow ?? "default"}`, days);
    }
    for (const cache of index.ofType(/^aws:elasticache\/(replicationGroup|cluster):/)) {
        const days = numberOr(cache.inputs.snapshotRetentionLimit);
        if (days !== undefined) row("snapshots", cache, `snapshot window ${cache.inputs.snapshotWindow ?? "default"}`, days);
    }
    for (const group of index.ofType(/^aws:cloudwatch\/logGroup:LogGroup$/)) {
        const days = numberOr(group.inputs.retentionInDays);
        row(
            "log group",
            group,
            `${days === undefined || days === 0 ? "kept forever" : `${days} days`}${group.inputs.kmsKeyId ? ", KMS-encrypted" : ", not KMS-encrypted"}`,
            days,
        );
    }
    for (const secret of index.ofType(/^aws:secretsmanager\/secret:Secret$/)) {
        const days = numberOr(secret.inputs.recoveryWindowInDays);
        if (days !== undefined) row("secret recovery window", secret, `${days} days after deletion`, days);
    }

    const restoreTests = index
        .ofType(/^aws:backup\/restoreTestingPlan:/)
        .map((p) => `${titleOf(p)}: ${cadenceOf(p.inputs.scheduleExpression).name} (${p.inputs.scheduleExpression ?? "?"})`);
    const declared = index.resources.flatMap((r) =>
        Object.entries((r.inputs.tags as Record<string, string>) ?? {})
            .filter(([k]) => /^(rpo|rto)/i.test(k))
            .map(([key, value]) => ({ resource: titleOf(r), key, value: String(value) })),
    );
    return {
        backupRpoHours: intervals.length > 0 ? Math.min(...intervals) : undefined,
        pointInTime,
        declared,
        restoreTests,
        rows,
    };
}

function numberOr(value: unknown): number | undefined {
    const n = typeof value === "string" ? Number(value) : value;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

function asArray(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}
