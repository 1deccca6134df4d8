import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { logGroup } from "../audit/log-groups";
import { CacheConfig } from "../config/schema/cache";
import { generatedSecret, SecretDocument } from "./secrets";

const PORT = 6379;

export interface CacheArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    /** The network's isolated data subnets, one per AZ. */
    subnetIds: pulumi.Input<string>[];
    /** The application tier's security group: the only source admitted on 6379. */
    appSecurityGroupId: pulumi.Input<string>;
    /** Encrypts the cache at rest and its snapshots. */
    dataKeyArn: pulumi.Input<string>;
    /** Encrypts the slow-log group. */
    logsKeyArn: pulumi.Input<string>;
}

/** Redis parameters: evict least-recently-used keys when full [003]; cluster mode by config [002]. */
export function redisParameters(cfg: CacheConfig): Array<{ name: string; value: string }> {
    return [
        { name: "maxmemory-policy", value: "allkeys-lru" },
        { name: "cluster-enabled", value: cfg.clusterMode ? "yes" : "no" },
    ];
}

/**
 * ElastiCache Redis 7: a replication group (cluster mode with shards where configured), TLS and an
 * AUTH token required, encrypted at rest with the data key, reachable from the application tier only.
 */
export class Cache extends pulumi.ComponentResource {
    /** Where clients connect: the primary endpoint, or the configuration endpoint in cluster mode. */
    readonly primaryEndpoint: pulumi.Output<string>;
    /** Read-only endpoint over the replicas (cluster mode disabled); the configuration endpoint otherwise. */
    readonly readerEndpoint: pulumi.Output<string>;
    readonly port: number = PORT;
    readonly arn: pulumi.Output<string>;
    readonly replicationGroupId: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    /** What the secrets area stores under `redis`: endpoint and AUTH token. */
    readonly secretDocument: SecretDocument;
    /** Redis's slow log: commands with their arguments, so PHI-bearing (only the log readers may read it). */
    readonly slowLogGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:cache:Cache", name, {}, opts);
        const ctx = args.context;
        const cfg = ctx.config.cache;
        const child = { parent: this };
        const id = ctx.name("redis");
        const major = cfg.engineVersion.split(".")[0];

        const subnetGroup = new aws.elasticache.SubnetGroup(
            name,
            {
                name: id,
                description: "Isolated data subnets: no route out of the VPC",
                subnetIds: args.subnetIds,
                tags: ctx.tags("internal"),
            },
            child,
        );
        const securityGroup = new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: "Redis: 6379 from the application tier only",
                ingress: [
                    {
                        protocol: "tcp",
                        fromPort: PORT,
                        toPort: PORT,
                        securityGroups: [args.appSecurityGroupId],
                        description: "Redis from the application tier",
                    },
                ],
                egress: [],
                tags: ctx.tags("internal", { Name: id }),
            },
            child,
        );
        this.securityGroupId = securityGroup.id;
        const parameterGroup = new aws.elasticache.ParameterGroup(
            name,
            {
                name: `${id}-redis${major}`,
                family: `redis${major}`,
                description: "allkeys-lru eviction",
                parameters: redisParameters(cfg),
                tags: ctx.tags("internal"),
            },
            child,
        );
        // Redis's slow log records commands with their arguments: keep it like the data it may quote.
        const slowLog = logGroup(
            `${name}-slow-log`,
            {
                context: ctx,
                name: `/careplane/${id}/slow-log`,
                logClass: "application",
                logsKeyArn: args.logsKeyArn,
                classification: "phi",
                retentionInDays: cfg.slowLogRetentionDays,
            },
            child,
        );
        this.slowLogGroup = slowLog;

        const authToken = generatedSecret(`${name}-auth`, ctx.config.secrets.length, this);
        const failover = cfg.multiAz || cfg.clusterMode;
        const group = new aws.elasticache.ReplicationGroup(
            name,
            {
                replicationGroupId: id,
                description: `${ctx.name("redis")}: sessions, application cache and queues`,
                engine: "redis",
                engineVersion: cfg.engineVersion,
                nodeType: cfg.nodeType,
                port: PORT,
                parameterGroupName: parameterGroup.name,
                subnetGroupName: subnetGroup.name,
                securityGroupIds: [securityGroup.id],
                ...(cfg.clusterMode
                    ? { clusterMode: "enabled", numNodeGroups: cfg.shards, replicasPerNodeGroup: cfg.replicasPerShard }
                    : { clusterMode: "disabled", numCacheClusters: 1 + cfg.replicasPerShard }),
                automaticFailoverEnabled: failover,
                multiAzEnabled: cfg.multiAz,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                authToken,
                atRestEncryptionEnabled: true,
                kmsKeyId: args.dataKeyArn,
                snapshotRetentionLimit: cfg.snapshotRetentionDays,
                snapshotWindow: cfg.snapshotWindow,
                finalSnapshotIdentifier: ctx.config.profile.deletionProtection ? `${id}-final` : undefined,
                maintenanceWindow: cfg.maintenanceWindow,
                autoMinorVersionUpgrade: true,
                logDeliveryConfigurations: [
                    { destination: slowLog.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
                ],
                tags: ctx.tags("phi", { Name: id, Backup: "true" }),
            },
            ctx.stateful({ parent: this }),
        );

        this.arn = group.arn;
        this.replicationGroupId = group.id;
        this.primaryEndpoint = cfg.clusterMode ? group.configurationEndpointAddress : group.primaryEndpointAddress;
        this.readerEndpoint = cfg.clusterMode ? group.configurationEndpointAddress : group.readerEndpointAddress;
        this.secretDocument = {
            host: this.primaryEndpoint,
            readerHost: this.readerEndpoint,
            port: PORT,
            tls: true,
            clusterMode: cfg.clusterMode,
            authToken,
        };
        this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, arn: this.arn, securityGroupId: this.securityGroupId });
    }
}
