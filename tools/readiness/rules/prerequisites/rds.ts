// What RDS requires of an instance's settings and of the instance a read replica copies.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

/** The instance a read replica copies (`replicateSourceDb` holds its identifier or ARN). */
export function replicaSource(ctx: ReadinessContext, replica: PlannedResource): PlannedResource | undefined {
    const value = str(replica.inputs.replicateSourceDb);
    return value === undefined
        ? undefined
        : ctx.referenced(replica, "replicateSourceDb", T.rds, value.replace(/^arn:aws[a-z-]*:rds:[^:]+:\d{12}:db:/, ""));
}

export const replicaOfManagedPassword = stackRule(
    {
        id: "prerequisites/rds-replica-of-managed-password",
        family: "prerequisites",
        description: "No read replica of an instance whose master password RDS manages in Secrets Manager (all engines but SQL Server)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations",
    },
    (ctx, rule) =>
        ctx.ofType(T.rds).flatMap((replica) => {
            const origin = replicaSource(ctx, replica);
            if (!origin || origin.inputs.manageMasterUserPassword !== true || String(origin.inputs.engine ?? "").startsWith("sqlserver"))
                return [];
            return [
                ctx.finding(rule, replica, {
                    message: `RDS does not create read replicas of ${str(origin.inputs.identifier) ?? origin.name}, whose master password it manages in Secrets Manager`,
                    awsError: "InvalidParameterValue",
                    fix: "manage the master password outside RDS (a generated secret with rotation) on an instance that has replicas, or drop the replicas",
                }),
            ];
        }),
);

export const replicaNeedsBackups = stackRule(
    {
        id: "prerequisites/rds-replica-needs-backups",
        family: "prerequisites",
        description: "A read replica's source keeps automated backups (backupRetentionPeriod of at least 1)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Create.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.rds).flatMap((replica) => {
            const origin = replicaSource(ctx, replica);
            if (!origin) return [];
            const retention = origin.inputs.backupRetentionPeriod;
            if (typeof retention === "number" && retention >= 1) return [];
            return [
                ctx.finding(rule, replica, {
                    message: `RDS creates a read replica only of an instance with automated backups; ${str(origin.inputs.identifier) ?? origin.name} has backupRetentionPeriod ${retention ?? "unset (0 when AWS Backup owns backups)"}`,
                    awsError: "InvalidDBInstanceState",
                    fix: "keep automated backups on the source (backupRetentionPeriod 1 to 35), even when AWS Backup takes the long-term copies",
                }),
            ];
        }),
);

export const dependentSettings = stackRule(
    {
        id: "prerequisites/rds-dependent-settings",
        family: "prerequisites",
        description: "Performance Insights settings need Performance Insights; enhanced monitoring needs its role",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.rds).flatMap((db) => {
            const i = db.inputs;
            const problems: string[] = [];
            if (
                (i.performanceInsightsKmsKeyId !== undefined || i.performanceInsightsRetentionPeriod !== undefined) &&
                i.performanceInsightsEnabled !== true
            )
                problems.push("a Performance Insights key or retention is set but Performance Insights is not enabled");
            if (typeof i.monitoringInterval === "number" && i.monitoringInterval > 0 && i.monitoringRoleArn === undefined)
                problems.push(`monitoringInterval ${i.monitoringInterval} needs a monitoringRoleArn`);
            return problems.map((p) =>
                ctx.finding(rule, db, {
                    message: `RDS refuses the instance: ${p}`,
                    awsError: "InvalidParameterCombination",
                    fix: "set the settings together, or neither",
                }),
            );
        }),
);

/** The region an ARN names (`arn:<partition>:<service>:<region>:...`), if the value is one. */
const arnRegion = (value: string | undefined) => (value === undefined ? undefined : /^arn:aws[a-z-]*:[^:]+:([^:]*):/.exec(value)?.[1]);

export const crossRegionReplica = stackRule(
    {
        id: "prerequisites/rds-cross-region-replica",
        family: "prerequisites",
        description:
            "A read replica of an instance in another region names its source by ARN and, encrypted, a KMS key of its own region (KMS keys never leave theirs)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.rds).flatMap((replica) => {
            const value = str(replica.inputs.replicateSourceDb);
            if (value === undefined) return [];
            const here = ctx.regionOf(replica);
            const planned = replicaSource(ctx, replica);
            const sourceRegion = arnRegion(value) ?? (planned ? ctx.regionOf(planned) : here);
            if (sourceRegion === here) return [];
            const problems: string[] = [];
            // SourceDBInstanceIdentifier: "If the source DB instance is in a different AWS Region from the read replica, specify a valid DB instance ARN".
            if (arnRegion(value) === undefined) problems.push(`its source ${value} is in ${sourceRegion}, which RDS finds only by its ARN`);
            // KmsKeyId: "If you create an encrypted read replica in a different AWS Region, then you must specify a KMS key identifier for the destination AWS Region."
            const key = str(replica.inputs.kmsKeyId);
            const keyRegion = arnRegion(key) ?? (key === undefined ? undefined : here);
            if (replica.inputs.storageEncrypted !== false && keyRegion !== here)
                problems.push(
                    key === undefined ? `an encrypted replica in ${here} needs a KMS key of ${here}` : `its key ${key} is not in ${here}`,
                );
            return problems.map((p) =>
                ctx.finding(rule, replica, {
                    message: `RDS refuses the cross-region read replica: ${p}`,
                    awsError: "InvalidParameterCombination",
                    fix: `name the source by its DB instance ARN and give kmsKeyId a key of ${here}`,
                }),
            );
        }),
);
