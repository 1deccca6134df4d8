import { PlannedResource } from "../engine/plan";
import { PlanIndex, shortType, titleOf } from "./plan-index";
import { describeSchedule } from "./schedule";

type Details = (r: PlannedResource, index: PlanIndex) => unknown[];

const yes = (v: unknown) => v === true || v === "true";

/** The few facts worth reading in the picture, per type; any other type shows its type and name. */
const detailsByType: Array<[RegExp, Details]> = [
    [/^aws:ec2\/vpc:Vpc$/, (r, index) => [String(r.inputs.cidrBlock ?? ""), flowLogsOf(r, index)]],
    [/^aws:ec2\/subnet:Subnet$/, (r) => [String(r.inputs.cidrBlock ?? "")]],
    [
        /^aws:eks\/cluster:Cluster$/,
        (r) => {
            const vpc = (r.inputs.vpcConfig ?? {}) as Record<string, unknown>;
            return [
                r.inputs.version && `Kubernetes ${r.inputs.version}`,
                yes(vpc.endpointPublicAccess) ? "public API endpoint" : "private API endpoint",
                Array.isArray(r.inputs.encryptionConfig) || r.inputs.encryptionConfig ? "secrets envelope-encrypted" : undefined,
            ];
        },
    ],
    [
        /^aws:eks\/nodeGroup:NodeGroup$/,
        (r) => {
            const s = (r.inputs.scalingConfig ?? {}) as Record<string, unknown>;
            return [
                Array.isArray(r.inputs.instanceTypes) && r.inputs.instanceTypes.join(", "),
                s.desiredSize !== undefined && `${s.desiredSize} nodes (${s.minSize}–${s.maxSize})`,
            ];
        },
    ],
    [
        /^aws:ecs\/service:Service$/,
        (r, index) => {
            const task = index.resolve(r, r.inputs.taskDefinition);
            return [
                r.inputs.desiredCount !== undefined && `${r.inputs.desiredCount} tasks`,
                r.inputs.launchType as string,
                task && task.inputs.cpu && `${task.inputs.cpu} CPU units, ${task.inputs.memory} MiB`,
            ];
        },
    ],
    [
        /^aws:rds\/(instance|cluster):/,
        (r) => [
            [r.inputs.engine, r.inputs.engineVersion].filter(Boolean).join(" "),
            r.inputs.instanceClass as string,
            r.inputs.replicateSourceDb ? "read replica" : undefined,
            yes(r.inputs.multiAz) ? "Multi-AZ" : (r.inputs.availabilityZone as string),
            yes(r.inputs.storageEncrypted) && "encrypted",
        ],
    ],
    [
        /^aws:elasticache\/replicationGroup:/,
        (r) => {
            const i = r.inputs;
            const shards = Number(i.numNodeGroups ?? 1);
            const perShard = i.replicasPerNodeGroup !== undefined ? Number(i.replicasPerNodeGroup) + 1 : Number(i.numCacheClusters ?? 1);
            return [
                [i.engine ?? "redis", i.engineVersion].join(" "),
                i.nodeType as string,
                shards > 1 ? `${shards} shards × ${perShard} nodes` : `${perShard} nodes`,
                yes(i.multiAzEnabled) && "Multi-AZ",
                yes(i.transitEncryptionEnabled) && "TLS",
            ];
        },
    ],
    [/^aws:s3\/bucket(V2)?:/, (r, index) => [objectLockOf(r, index), versioningOf(r, index)]],
    [/^aws:backup\/vault:Vault$/, (r, index) => [vaultLockOf(r, index)]],
    [
        /^aws:backup\/plan:Plan$/,
        (r) =>
            (Array.isArray(r.inputs.rules) ? r.inputs.rules : []).map(
                (rule: any) =>
                    `${describeSchedule(rule.schedule)}, kept ${rule.lifecycle?.deleteAfter ?? "∞"} d${rule.enableContinuousBackup ? ", continuous" : ""}`,
            ),
    ],
    [
        /^kubernetes:apps\/v1:/,
        (r) => {
            const spec = (r.inputs.spec ?? {}) as any;
            const image = spec.template?.spec?.containers?.[0]?.image;
            return [spec.replicas !== undefined && `${spec.replicas} replicas`, typeof image === "string" && image.split("/").pop()];
        },
    ],
];

/** First line: what it is; then its name and facts. */
export function labelOf(r: PlannedResource, index: PlanIndex): { title: string; details: string[] } {
    const details = detailsByType.find(([pattern]) => pattern.test(r.type))?.[1](r, index) ?? [];
    return {
        title: typeName(r.type),
        details: [titleOf(r), ...details].filter((d): d is string => typeof d === "string" && d.length > 0),
    };
}

const services: Record<string, string> = {
    rds: "RDS",
    elasticache: "ElastiCache",
    eks: "EKS",
    ecs: "ECS",
    s3: "S3",
    backup: "Backup",
    efs: "EFS",
    dynamodb: "DynamoDB",
};

/** `aws:ec2/natGateway:NatGateway` → `NAT gateway`; `aws:rds/instance:Instance` → `RDS instance`. */
export function typeName(type: string): string {
    const short = shortType(type);
    const words =
        short === "NatGateway"
            ? "NAT gateway"
            : short === "Vpc"
              ? "VPC"
              : short.replace(/([a-z0-9])([A-Z])/g, (_, a, b: string) => `${a} ${b.toLowerCase()}`);
    const service = services[type.split(":")[1]?.split("/")[0] ?? ""];
    return service ? `${service} ${words.charAt(0).toLowerCase()}${words.slice(1)}` : words;
}

function flowLogsOf(vpc: PlannedResource, index: PlanIndex): string | undefined {
    const logs = index.referrers(vpc, /^aws:ec2\/flowLog:FlowLog$/);
    return logs.length > 0 ? `flow logs: ${logs.map((l) => l.inputs.trafficType ?? "on").join(", ")}` : "no flow logs";
}

function objectLockOf(bucket: PlannedResource, index: PlanIndex): string | undefined {
    const config = index.referrers(bucket, /^aws:s3\/bucketObjectLockConfiguration(V2)?:/)[0];
    const retention = (config?.inputs.rule as any)?.defaultRetention;
    if (!retention) return yes(bucket.inputs.objectLockEnabled) ? "Object Lock" : undefined;
    return `Object Lock ${retention.mode} ${retention.years ? `${retention.years} y` : `${retention.days} d`}`;
}

function versioningOf(bucket: PlannedResource, index: PlanIndex): string | undefined {
    const config = index.referrers(bucket, /^aws:s3\/bucketVersioning(V2)?:/)[0];
    const status = (config?.inputs.versioningConfiguration as any)?.status;
    return status ? `versioning ${String(status).toLowerCase()}` : undefined;
}

function vaultLockOf(vault: PlannedResource, index: PlanIndex): string | undefined {
    const lock = index.referrers(vault, /^aws:backup\/vaultLockConfiguration:/)[0];
    if (!lock) return undefined;
    return `vault lock ${lock.inputs.minRetentionDays ?? "?"}–${lock.inputs.maxRetentionDays ?? "∞"} d`;
}
