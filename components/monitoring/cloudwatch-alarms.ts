// CloudWatch alarms where AWS itself is the metric source (RDS, ElastiCache, ALB, ECS): one spec
// per alarm, as data. Figures in brackets name the seed.
import * as pulumi from "@pulumi/pulumi";
import { Seed, Severity, Team } from "./alert-catalog";

/** One CloudWatch metric and the statistic read from it: a plain one, or a percentile such as p95. */
export interface MetricSpec {
    namespace: string;
    metricName: string;
    dimensions: Record<string, pulumi.Input<string>>;
    stat: "Average" | "Sum" | "Maximum" | "Minimum" | `p${number}`;
}

/** An expression over several metrics (CloudWatch metric math), each read under its id. */
export interface MathSpec {
    expression: string;
    label: string;
    metrics: Record<string, MetricSpec>;
}

interface AlarmBase {
    /** Unique within the stack; the alarm's physical name is `<app>-<env>-<key>`. */
    key: string;
    severity: Severity;
    /** Who answers it: the route is the team's topic for the severity. */
    team: Team;
    description: string;
    sources: Seed[];
    comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
    threshold: number;
    /** Seconds per evaluation period. */
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "missing" | "notBreaching" | "breaching";
}

/** An alarm watches one metric, or an expression over several. */
export type AlarmSpec = AlarmBase & ({ metric: MetricSpec; math?: never } | { math: MathSpec; metric?: never });

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

/** A service behind the ALB: ECS shifts its traffic between two target groups (blue/green). */
export interface RoutedService {
    name: string;
    /** The TargetGroup dimension (`targetgroup/<name>/<id>`) of each of its two target groups. */
    blue: pulumi.Input<string>;
    green: pulumi.Input<string>;
}

export interface EcsAlarmTarget {
    clusterName: pulumi.Input<string>;
    serviceNames: pulumi.Input<string>[];
    /** The ALB's ARN suffix (`app/<name>/<id>`), the LoadBalancer dimension. */
    loadBalancer: pulumi.Input<string>;
    /** The services the ALB routes to. */
    routed: RoutedService[];
}

/** The LoadBalancer dimension of an ALB's metrics: its ARN after `loadbalancer/` (`app/<name>/<id>`). */
export function albArnSuffix(arn: string): string {
    return arn.slice(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length);
}

/** The TargetGroup dimension of a target group's metrics: its ARN from `targetgroup/` on. */
export function targetGroupArnSuffix(arn: string): string {
    return arn.slice(arn.indexOf(":targetgroup/") + 1);
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

const MINUTE = 60;
const FIVE_MINUTES = 300;
const GIB = 2 ** 30;

const once = { period: FIVE_MINUTES, evaluationPeriods: 1, datapointsToAlarm: 1 };

/** An alarm on a count of events: any one in five minutes fires it, and no events is no news. */
export const onAnyEvent = {
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: 1,
    ...once,
    treatMissingData: "notBreaching",
} as const;
const twice = { period: FIVE_MINUTES, evaluationPeriods: 2, datapointsToAlarm: 2 };

function databaseAlarms(db: DatabaseAlarmTarget): AlarmSpec[] {
    const instances = [
        { role: "primary", id: db.primaryId, storageGb: db.allocatedStorageGb, replica: false },
        ...db.replicaIds.map((id, i) => ({ role: `replica-${i + 1}`, id, storageGb: db.allocatedStorageGb, replica: true })),
        ...(db.analytics ? [{ role: "analytics", id: db.analytics.id, storageGb: db.analytics.allocatedStorageGb, replica: false }] : []),
    ];
    const rds = (id: pulumi.Input<string>, metricName: string, stat: MetricSpec["stat"]): MetricSpec => ({
        namespace: "AWS/RDS",
        metricName,
        dimensions: { DBInstanceIdentifier: id },
        stat,
    });
    return instances.flatMap(({ role, id, storageGb, replica }): AlarmSpec[] => [
        {
            key: `db-${role}-cpu`,
            severity: "high",
            team: "dba",
            description: "RDS CPU above 80 % for two 5-minute periods",
            sources: ["001", "004"],
            metric: rds(id, "CPUUtilization", "Average"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            ...twice,
            treatMissingData: "missing",
        },
        {
            key: `db-${role}-connections`,
            severity: "high",
            team: "dba",
            description: "RDS connections above 80",
            sources: ["001"],
            metric: rds(id, "DatabaseConnections", "Maximum"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            ...once,
            treatMissingData: "missing",
        },
        {
            key: `db-${role}-free-storage`,
            severity: "medium",
            team: "dba",
            description: "RDS free storage below 20 % of allocated (disk above 80 % full)",
            sources: ["004"],
            metric: rds(id, "FreeStorageSpace", "Minimum"),
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
                      team: "dba",
                      description: "RDS replica lag above 300 s (a twelfth of the 1 h RPO)",
                      sources: ["000", "002", "003"],
                      metric: rds(id, "ReplicaLag", "Maximum"),
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
        const node = (metricName: string, stat: MetricSpec["stat"]): MetricSpec => ({
            namespace: "AWS/ElastiCache",
            metricName,
            dimensions: { CacheClusterId: id },
            stat,
        });
        return [
            {
                key: `cache-node-${i + 1}-memory`,
                severity: "high",
                team: "devops",
                description: "Redis memory above 80 % of maxmemory",
                sources: ["003", "004"],
                metric: node("DatabaseMemoryUsagePercentage", "Average"),
                comparisonOperator: "GreaterThanThreshold",
                threshold: 80,
                ...once,
                treatMissingData: "missing",
            },
            {
                // Redis holds the sessions and the job queue [000]: an evicted key is a lost session or job.
                key: `cache-node-${i + 1}-evictions`,
                severity: "high",
                team: "devops",
                description: "Redis evicted keys (sessions or queued jobs lost)",
                sources: ["000", "003"],
                metric: node("Evictions", "Sum"),
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                ...once,
                treatMissingData: "notBreaching",
            },
        ];
    });
}

const alb = (
    loadBalancer: pulumi.Input<string>,
    metricName: string,
    stat: MetricSpec["stat"],
    targetGroup?: pulumi.Input<string>,
): MetricSpec => ({
    namespace: "AWS/ApplicationELB",
    metricName,
    dimensions: targetGroup ? { LoadBalancer: loadBalancer, TargetGroup: targetGroup } : { LoadBalancer: loadBalancer },
    stat,
});

/**
 * A service's two target groups read as one: during a blue/green deployment either may carry production
 * traffic, and the idle one reports nothing (or zeros), so the alarm watches their sum.
 */
function bothColours(
    loadBalancer: pulumi.Input<string>,
    service: RoutedService,
    metricName: string,
    stat: MetricSpec["stat"],
    label: string,
) {
    return {
        expression: "FILL(blue, 0) + FILL(green, 0)",
        label,
        metrics: {
            blue: alb(loadBalancer, metricName, stat, service.blue),
            green: alb(loadBalancer, metricName, stat, service.green),
        },
    };
}

/**
 * What rolls a deployment back [001]: the guide watches the new version for 5 minutes after the traffic
 * switch and rolls back when targets answered more than 10 5XX in that window. Over both target groups, so
 * it reads whichever colour production traffic is on. ECS watches it through the deployment and its bake
 * time (the service's `alarms`, rollback on).
 */
export function deploymentAlarm(loadBalancer: pulumi.Input<string>, service: RoutedService): AlarmSpec {
    return {
        key: `${service.name}-deploy-5xx`,
        severity: "high",
        team: "devops",
        description: `${service.name}: more than 10 5XX in 5 minutes; a deployment in progress rolls back`,
        sources: ["001"],
        math: bothColours(loadBalancer, service, "HTTPCode_Target_5XX_Count", "Sum", `${service.name} 5XX`),
        comparisonOperator: "GreaterThanThreshold",
        threshold: 10,
        ...once,
        treatMissingData: "notBreaching",
    };
}

/** What the ALB and every routed service are watched for, after 001's escalation table. */
function loadBalancerAlarms(ecs: EcsAlarmTarget): AlarmSpec[] {
    const lb = ecs.loadBalancer;
    const errors = alb(lb, "HTTPCode_Target_5XX_Count", "Sum");
    return [
        {
            key: "alb-target-5xx",
            severity: "high",
            team: "devops",
            description: "ALB targets answered more than 10 5XX in 5 minutes",
            sources: ["001"],
            metric: errors,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 10,
            ...once,
            treatMissingData: "notBreaching",
        },
        {
            // 001's escalation table as written: rate(5xx[5m]) > 0.1, an absolute rate per second.
            key: "alb-5xx-rate",
            severity: "high",
            team: "devops",
            description: "ALB targets answered more than 0.1 5XX a second over 5 minutes",
            sources: ["001"],
            math: { expression: "errors / PERIOD(errors)", label: "5XX per second", metrics: { errors } },
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0.1,
            ...once,
            treatMissingData: "notBreaching",
        },
        {
            // The ratio rule beside it: the catalog's ElevatedErrorRate (5xx above 1 % of requests) [001, 004].
            key: "alb-5xx-ratio",
            severity: "high",
            team: "devops",
            description: "More than 1 % of the ALB's requests answered 5XX by targets over 5 minutes",
            sources: ["001", "004"],
            math: {
                expression: "errors / requests",
                label: "5XX share of requests",
                metrics: { errors, requests: alb(lb, "RequestCount", "Sum") },
            },
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0.01,
            ...once,
            treatMissingData: "notBreaching",
        },
        {
            key: "alb-latency-p95",
            severity: "medium",
            team: "devops",
            description: "p95 target response time above 5 s over 5 minutes",
            sources: ["001"],
            metric: alb(lb, "TargetResponseTime", "p95"),
            comparisonOperator: "GreaterThanThreshold",
            threshold: 5,
            ...once,
            treatMissingData: "notBreaching",
        },
        ...ecs.routed.flatMap((service): AlarmSpec[] => [
            {
                // 001's "API down" (up == 0): nothing behind the load balancer passes its health check. No data at all
                // (the target groups gone) counts as down.
                key: `${service.name}-down`,
                severity: "critical",
                team: "devops",
                description: `${service.name}: no healthy target for 2 minutes`,
                sources: ["001"],
                math: bothColours(lb, service, "HealthyHostCount", "Minimum", `${service.name} healthy targets`),
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                period: MINUTE,
                evaluationPeriods: 2,
                datapointsToAlarm: 2,
                treatMissingData: "breaching",
            },
            {
                key: `${service.name}-unhealthy-targets`,
                severity: "high",
                team: "devops",
                description: `${service.name}: targets failing health checks for 5 minutes`,
                sources: ["001"],
                math: bothColours(lb, service, "UnHealthyHostCount", "Maximum", `${service.name} unhealthy targets`),
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                period: MINUTE,
                evaluationPeriods: 5,
                datapointsToAlarm: 5,
                treatMissingData: "notBreaching",
            },
        ]),
    ];
}

function ecsAlarms(ecs: EcsAlarmTarget): AlarmSpec[] {
    return [
        ...loadBalancerAlarms(ecs),
        ...ecs.serviceNames.map((service, i): AlarmSpec => ({
            key: `ecs-service-${i + 1}-cpu`,
            severity: "high",
            team: "devops",
            description: "ECS service CPU above 80 % for 2 of 2 five-minute periods",
            sources: ["001"],
            metric: {
                namespace: "AWS/ECS",
                metricName: "CPUUtilization",
                dimensions: { ClusterName: ecs.clusterName, ServiceName: service },
                stat: "Average",
            },
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            ...twice,
            treatMissingData: "missing",
        })),
    ];
}

/** Every CloudWatch alarm the stack's AWS resources call for (the ECS deployment alarms live with their services). */
export function cloudWatchAlarms(targets: AlarmTargets): AlarmSpec[] {
    return [
        ...(targets.database ? databaseAlarms(targets.database) : []),
        ...(targets.cache ? cacheAlarms(targets.cache) : []),
        ...(targets.ecs ? ecsAlarms(targets.ecs) : []),
    ];
}
