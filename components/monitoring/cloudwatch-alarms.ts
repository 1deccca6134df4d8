// CloudWatch alarms where AWS itself is the metric source (RDS, ElastiCache, ALB, ECS): one spec
// per alarm, as data. Figures in brackets name the seed.
import * as pulumi from "@pulumi/pulumi";
import { Seed, Severity } from "./alert-catalog";

export interface AlarmSpec {
    /** Unique within the stack; the alarm's physical name is `<app>-<env>-<key>`. */
    key: string;
    severity: Severity;
    description: string;
    sources: Seed[];
    namespace: string;
    metricName: string;
    dimensions: Record<string, pulumi.Input<string>>;
    statistic: "Average" | "Sum" | "Maximum" | "Minimum";
    comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
    threshold: number;
    /** Seconds per evaluation period. */
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "missing" | "notBreaching" | "breaching";
}

export interface DatabaseAlarmTarget {
    /** DB instance identifiers of the primary and of each read replica. */
    primaryId: pulumi.Input<string>;
    replicaIds: pulumi.Input<string>[];
    /** Allocated storage in GiB, to express the free-space floor in bytes. */
    allocatedStorageGb: number;
    /** The separate analytics database, when the stack has one. */
    analytics?: { id: pulumi.Input<string>; allocatedStorageGb: number };
}

export interface CacheAlarmTarget {
    /** CacheClusterId of every node of the replication group (ElastiCache reports per node). */
    nodeIds: pulumi.Input<string>[];
}

export interface EcsAlarmTarget {
    clusterName: pulumi.Input<string>;
    serviceNames: pulumi.Input<string>[];
    /** The ALB's ARN suffix (`app/<name>/<id>`), the LoadBalancer dimension. */
    loadBalancer: pulumi.Input<string>;
}

/** The LoadBalancer dimension of an ALB's metrics: its ARN after `loadbalancer/` (`app/<name>/<id>`). */
export function albArnSuffix(arn: string): string {
    return arn.slice(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length);
}

export interface CacheLayout {
    clusterMode: boolean;
    /** Node groups in cluster mode; one otherwise. */
    shards: number;
    replicasPerShard: number;
}

/**
 * The CacheClusterId of every node of a replication group, as ElastiCache names them:
 * `<group>-<shard:4>-<node:3>` in cluster mode, `<group>-<node:3>` otherwise.
 */
export function cacheNodeIds(groupId: string, layout: CacheLayout): string[] {
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    const nodes = Array.from({ length: 1 + layout.replicasPerShard }, (_, i) => pad(i + 1, 3));
    if (!layout.clusterMode) return nodes.map((node) => `${groupId}-${node}`);
    return Array.from({ length: layout.shards }, (_, s) => pad(s + 1, 4)).flatMap((shard) =>
        nodes.map((node) => `${groupId}-${shard}-${node}`),
    );
}

export interface AlarmTargets {
    database?: DatabaseAlarmTarget;
    cache?: CacheAlarmTarget;
    /** Only on stacks whose compute is ECS Fargate [001]. */
    ecs?: EcsAlarmTarget;
}

const FIVE_MINUTES = 300;
const GIB = 2 ** 30;

const once = { period: FIVE_MINUTES, evaluationPeriods: 1, datapointsToAlarm: 1 };
const twice = { period: FIVE_MINUTES, evaluationPeriods: 2, datapointsToAlarm: 2 };

function databaseAlarms(db: DatabaseAlarmTarget): AlarmSpec[] {
    const instances = [
        { role: "primary", id: db.primaryId, storageGb: db.allocatedStorageGb, replica: false },
        ...db.replicaIds.map((id, i) => ({ role: `replica-${i + 1}`, id, storageGb: db.allocatedStorageGb, replica: true })),
        ...(db.analytics ? [{ role: "analytics", id: db.analytics.id, storageGb: db.analytics.allocatedStorageGb, replica: false }] : []),
    ];
    const rds = (id: pulumi.Input<string>) => ({ namespace: "AWS/RDS", dimensions: { DBInstanceIdentifier: id } });
    return instances.flatMap(({ role, id, storageGb, replica }): AlarmSpec[] => [
        {
            key: `db-${role}-cpu`,
            severity: "high",
            description: "RDS CPU above 80 % for two 5-minute periods",
            sources: ["001", "004"],
            ...rds(id),
            metricName: "CPUUtilization",
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            ...twice,
            treatMissingData: "missing",
        },
        {
            key: `db-${role}-connections`,
            severity: "high",
            description: "RDS connections above 80",
            sources: ["001"],
            ...rds(id),
            metricName: "DatabaseConnections",
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            ...once,
            treatMissingData: "missing",
        },
        {
            key: `db-${role}-free-storage`,
            severity: "medium",
            description: "RDS free storage below 20 % of allocated (disk above 80 % full)",
            sources: ["004"],
            ...rds(id),
            metricName: "FreeStorageSpace",
            statistic: "Minimum",
            comparisonOperator: "LessThanThreshold",
            threshold: 0.2 * storageGb * GIB,
            ...once,
            treatMissingData: "missing",
        },
        ...(replica
            ? [
                  {
                      key: `db-${role}-lag`,
                      severity: "high",
                      description: "RDS replica lag above 300 s (a twelfth of the 1 h RPO)",
                      sources: ["000", "002", "003"],
                      ...rds(id),
                      metricName: "ReplicaLag",
                      statistic: "Maximum",
                      comparisonOperator: "GreaterThanThreshold",
                      threshold: 300,
                      ...once,
                      treatMissingData: "missing",
                  } satisfies AlarmSpec,
              ]
            : []),
    ]);
}

function cacheAlarms(cache: CacheAlarmTarget): AlarmSpec[] {
    return cache.nodeIds.flatMap((id, i): AlarmSpec[] => {
        const node = { namespace: "AWS/ElastiCache", dimensions: { CacheClusterId: id } };
        return [
            {
                key: `cache-node-${i + 1}-memory`,
                severity: "high",
                description: "Redis memory above 80 % of maxmemory",
                sources: ["003", "004"],
                ...node,
                metricName: "DatabaseMemoryUsagePercentage",
                statistic: "Average",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 80,
                ...once,
                treatMissingData: "missing",
            },
            {
                // Redis holds the sessions and the job queue [000]: an evicted key is a lost session or job.
                key: `cache-node-${i + 1}-evictions`,
                severity: "high",
                description: "Redis evicted keys (sessions or queued jobs lost)",
                sources: ["000", "003"],
                ...node,
                metricName: "Evictions",
                statistic: "Sum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                ...once,
                treatMissingData: "notBreaching",
            },
        ];
    });
}

function ecsAlarms(ecs: EcsAlarmTarget): AlarmSpec[] {
    return [
        {
            key: "alb-target-5xx",
            severity: "high",
            description: "ALB targets answered more than 10 5XX in 5 minutes",
            sources: ["001"],
            namespace: "AWS/ApplicationELB",
            dimensions: { LoadBalancer: ecs.loadBalancer },
            metricName: "HTTPCode_Target_5XX_Count",
            statistic: "Sum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 10,
            ...once,
            treatMissingData: "notBreaching",
        },
        ...ecs.serviceNames.map((service, i): AlarmSpec => ({
            key: `ecs-service-${i + 1}-cpu`,
            severity: "high",
            description: "ECS service CPU above 80 % for 2 of 2 five-minute periods",
            sources: ["001"],
            namespace: "AWS/ECS",
            dimensions: { ClusterName: ecs.clusterName, ServiceName: service },
            metricName: "CPUUtilization",
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            ...twice,
            treatMissingData: "missing",
        })),
    ];
}

/** Every CloudWatch alarm the stack's AWS resources call for. */
export function cloudWatchAlarms(targets: AlarmTargets): AlarmSpec[] {
    return [
        ...(targets.database ? databaseAlarms(targets.database) : []),
        ...(targets.cache ? cacheAlarms(targets.cache) : []),
        ...(targets.ecs ? ecsAlarms(targets.ecs) : []),
    ];
}
