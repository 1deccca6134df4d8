import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { logGroup } from "../audit/log-groups";
import { CacheConfig } from "../config/schema/cache";
import { generatedSecret, RotatedDocument } from "./secrets";
import { REDIS_EXPORTER_USER, REDIS_MONITORING_ENTRY, serviceSecretEntry } from "./service-secrets";
import { dataStorePorts, dataStoreSecurityGroup } from "../network/data-stores";

const PORT = dataStorePorts.redis;

/**
 * Commands ElastiCache refuses, in an access string as anywhere else ("Restricted commands", ElastiCache
 * user guide; an access string naming one is rejected, "Role-Based Access Control (RBAC)").
 */
export const ELASTICACHE_RESTRICTED_COMMANDS = [
    "bgrewriteaof",
    "bgsave",
    "config",
    "debug",
    "migrate",
    "psync",
    "replicaof",
    "save",
    "slaveof",
    "shutdown",
    "sync",
] as const;

/**
 * Access strings (Redis ACL rules, as ElastiCache RBAC takes them: `on`/`off` first, no `reset`, no
 * password). A service reads and writes its own keys and channels (`<service>:`) only, and never
 * lists keys it cannot read (SCAN, RANDOMKEY) or runs an administrative or dangerous command.
 */
export const accessStrings = {
    service: (keyPrefix: string) => `on ~${keyPrefix}* &${keyPrefix}* +@all -@dangerous -scan -randomkey`,
    /**
     * redis_exporter's reads (its README lists what a dedicated user needs), without any key, without
     * `config|get` (restricted on ElastiCache: the exporter reads maxmemory from INFO) and without
     * `slowlog|get`, whose entries quote command arguments (values); the exporter skips what it may not read.
     */
    exporter: "on -@all +ping +info +client|setname +cluster|info +slowlog|len +latency|latest +latency|histogram",
    /** The `default` user every user group must hold: replaced by one that is switched off. */
    disabledDefault: "off -@all",
};

export interface CacheArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    /** The network's isolated data subnets, one per AZ. */
    subnetIds: pulumi.Input<string>[];
    /** The security groups admitted on 6379: the Redis clients' group (network.ts), which only the services in `services` and redis_exporter carry. */
    clientSecurityGroupIds: pulumi.Input<string>[];
    /** The services that read the `redis` entry: each gets its own user, limited to its key prefix, and entry. */
    services: string[];
    /** Encrypts the cache at rest and its snapshots. */
    dataKeyArn: pulumi.Input<string>;
    /** Encrypts the slow-log group. */
    logsKeyArn: pulumi.Input<string>;
    /** Engine, node type, shards and replicas, snapshots (`careplane:cache`). */
    config: CacheConfig;
    /** Length of the generated passwords (`careplane:secrets.length`). */
    passwordLength: number;
    /** Whether redis_exporter (which runs in the cluster, so on EKS only) gets a read-only user. */
    exporter: boolean;
}

/** Redis parameters: evict least-recently-used keys when full [003]; cluster mode by config [002]. */
export function redisParameters(cfg: CacheConfig): Array<{ name: string; value: string }> {
    return [
        { name: "maxmemory-policy", value: "allkeys-lru" },
        { name: "cluster-enabled", value: cfg.clusterMode ? "yes" : "no" },
    ];
}

/**
 * ElastiCache Redis 7: a replication group (cluster mode with shards where configured), TLS required,
 * clients authenticated by RBAC users (one per service, limited to its own keys, and a read-only one for
 * redis_exporter; the `default` user switched off), encrypted at rest with the data key, reachable from
 * the application tier only.
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
    /** What the secrets area stores, by entry: each service's user (`<service>/redis`) and redis_exporter's, with how each rotates. */
    readonly secretDocuments: Record<string, RotatedDocument>;
    /** Redis's slow log: commands with their arguments, so PHI-bearing (only the log readers may read it). */
    readonly slowLogGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:cache:Cache", name, {}, opts);
        const ctx = args.context;
        const cfg = args.config;
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
        const securityGroup = dataStoreSecurityGroup(
            name,
            {
                context: ctx,
                vpcId: args.vpcId,
                store: "redis",
                description: "Redis: 6379 from the application tier only",
                groupName: id,
                admit: [{ securityGroupIds: args.clientSecurityGroupIds, description: "Redis from the Redis clients group" }],
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

        // RBAC needs Redis 6 or newer and in-transit encryption (ElastiCache user guide, RBAC); both hold here.
        const endpoint = { port: PORT, tls: true, clusterMode: cfg.clusterMode };
        const user = (label: string, userName: string, accessString: string) => {
            const password = generatedSecret(`${name}-${label}`, args.passwordLength, this);
            const resource = new aws.elasticache.User(
                `${name}-${label}`,
                {
                    userId: `${id}-${label}`,
                    userName,
                    engine: "redis",
                    accessString,
                    authenticationMode: { type: "password", passwords: [password] },
                    tags: ctx.tags("confidential"),
                },
                // The password is set once, at creation; Secrets Manager's rotation owns it from then on (ElastiCache
                // never returns a password, so the provider could only set the generated one back).
                { ...child, ignoreChanges: ["authenticationMode"] },
            );
            return { resource, password };
        };
        const defaultUser = user("default", "default", accessStrings.disabledDefault);
        const services = args.services.map((service) => ({
            service,
            keyPrefix: `${service}:`,
            ...user(service, service, accessStrings.service(`${service}:`)),
        }));
        const exporter = args.exporter ? user("exporter", REDIS_EXPORTER_USER, accessStrings.exporter) : undefined;
        const userGroup = new aws.elasticache.UserGroup(
            name,
            {
                userGroupId: id,
                engine: "redis",
                userIds: [defaultUser, ...services, ...(exporter ? [exporter] : [])].map((u) => u.resource.userId),
                tags: ctx.tags("internal"),
            },
            child,
        );

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
                userGroupIds: [userGroup.userGroupId],
                atRestEncryptionEnabled: true,
                kmsKeyId: args.dataKeyArn,
                snapshotRetentionLimit: cfg.snapshotRetentionDays,
                snapshotWindow: cfg.snapshotWindow,
                finalSnapshotIdentifier: ctx.deletionProtection ? `${id}-final` : undefined,
                maintenanceWindow: cfg.maintenanceWindow,
                autoMinorVersionUpgrade: true,
                logDeliveryConfigurations: [
                    { destination: slowLog.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
                ],
                // No Backup tag: AWS Backup does not back up ElastiCache; the automatic snapshots above are its backups.
                tags: ctx.tags("phi", { Name: id }),
            },
            ctx.stateful({ parent: this }),
        );

        this.arn = group.arn;
        this.replicationGroupId = group.id;
        this.primaryEndpoint = cfg.clusterMode ? group.configurationEndpointAddress : group.primaryEndpointAddress;
        this.readerEndpoint = cfg.clusterMode ? group.configurationEndpointAddress : group.readerEndpointAddress;
        const connection = { host: this.primaryEndpoint, readerHost: this.readerEndpoint, ...endpoint };
        /** A user's entry: how to connect, as whom, and `user_arn`, which binds the entry to the user its rotation may change. */
        const entry = (u: { resource: aws.elasticache.User; password: pulumi.Output<string> }, extra: Record<string, unknown>) => ({
            document: { ...connection, ...extra, password: u.password, user_arn: u.resource.arn },
            rotation: { kind: "redis-user" as const, userId: u.resource.userId, userArn: u.resource.arn, after: [u.resource, userGroup] },
        });
        this.secretDocuments = Object.fromEntries(
            services.map((u) => [serviceSecretEntry(u.service, "redis"), entry(u, { username: u.service, keyPrefix: u.keyPrefix })]),
        );
        if (exporter) this.secretDocuments[REDIS_MONITORING_ENTRY] = entry(exporter, { username: REDIS_EXPORTER_USER });
        this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, arn: this.arn, securityGroupId: this.securityGroupId });
    }
}
