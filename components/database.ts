import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "./context";
import { logGroup, serviceLogGroupNames } from "./log-groups";
import { DatabaseRoles, databaseRoles, DatabaseRole } from "./database-roles";
import { DatabaseConfig } from "./schema/database";
import { generatedSecret, SecretDocument } from "./secrets";

const PORT = 5432;
const LOG_EXPORTS = ["postgresql", "upgrade"];

export interface DatabaseArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    /** The network's isolated data subnets, one per AZ. */
    subnetIds: pulumi.Input<string>[];
    availabilityZones: pulumi.Input<string[]>;
    /** The application tier's security group: the only source admitted on 5432. */
    appSecurityGroupId: pulumi.Input<string>;
    /** Encrypts storage, snapshots and Performance Insights. */
    dataKeyArn: pulumi.Input<string>;
    /** Encrypts the RDS-managed master password in Secrets Manager. */
    secretsKeyArn: pulumi.Input<string>;
    /** Encrypts the exported log groups. */
    logsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * The PostgreSQL parameters careplane sets: TLS only, pgaudit session logging of DDL and role
 * changes (not every statement: statement text carries PHI), connection logging,
 * pg_stat_statements, and the tunables the stack config names [003].
 */
export function postgresParameters(cfg: DatabaseConfig): Array<{ name: string; value: string; applyMethod: string }> {
    const p = cfg.parameters;
    const values: Array<[string, string | number | undefined]> = [
        ["rds.force_ssl", 1],
        ["ssl_min_protocol_version", "TLSv1.2"],
        ["password_encryption", "scram-sha-256"],
        ["shared_preload_libraries", "pg_stat_statements,pgaudit"],
        ["pgaudit.log", "ddl,role"],
        ["pgaudit.log_parameter", 0],
        ["pgaudit.log_catalog", 0],
        ["pgaudit.role", "rds_pgaudit"],
        ["log_connections", 1],
        ["log_disconnections", 1],
        ["pg_stat_statements.track", "top"],
        ["work_mem", p.workMem],
        ["shared_buffers", p.sharedBuffers === undefined ? undefined : p.sharedBuffers / 8],
        ["max_parallel_workers_per_gather", p.maxParallelWorkersPerGather],
    ];
    const staticParameters = new Set(["shared_preload_libraries", "shared_buffers"]);
    return values
        .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
        .map(([name, value]) => ({ name, value: String(value), applyMethod: staticParameters.has(name) ? "pending-reboot" : "immediate" }));
}

/** Trust policy of the enhanced-monitoring role: RDS's monitoring service, for this account only. */
export function enhancedMonitoringTrustPolicy(accountId: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "monitoring.rds.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}

/**
 * RDS PostgreSQL: an encrypted primary (Multi-AZ where the profile asks), read replicas spread
 * over the AZs, in the isolated data subnets, reachable on 5432 from the application tier only.
 */
export class Database extends pulumi.ComponentResource {
    /** `host:port` of the primary (writes). */
    readonly endpoint: pulumi.Output<string>;
    readonly address: pulumi.Output<string>;
    readonly port: number = PORT;
    /** `host:port` of each read replica. */
    readonly readerEndpoints: pulumi.Output<string>[];
    /** Primary first, then the replicas; what AWS Backup and CloudWatch alarms refer to. */
    readonly instanceIdentifiers: pulumi.Output<string>[];
    readonly instanceArns: pulumi.Output<string>[];
    readonly databaseName: string;
    /** The RDS-managed master credentials (rotated by AWS). */
    readonly masterUserSecretArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    /** What the secrets area stores: connection documents per login role, by entry name. */
    readonly secretDocuments: Record<string, SecretDocument>;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:database:Database", name, {}, opts);
        const ctx = args.context;
        const cfg = ctx.config.database;
        const child = { parent: this };
        const identifier = ctx.name("db");
        this.databaseName = ctx.config.app.replace(/-/g, "_");

        const subnetGroup = new aws.rds.SubnetGroup(
            name,
            {
                name: identifier,
                description: "Isolated data subnets: no route out of the VPC",
                subnetIds: args.subnetIds,
                tags: ctx.tags("internal", { Name: identifier }),
            },
            child,
        );
        const securityGroup = new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: "PostgreSQL: 5432 from the application tier only",
                ingress: [
                    {
                        protocol: "tcp",
                        fromPort: PORT,
                        toPort: PORT,
                        securityGroups: [args.appSecurityGroupId],
                        description: "PostgreSQL from the application tier",
                    },
                ],
                egress: [],
                tags: ctx.tags("internal", { Name: identifier }),
            },
            child,
        );
        this.securityGroupId = securityGroup.id;

        const major = cfg.engineVersion.split(".")[0];
        const parameterGroup = new aws.rds.ParameterGroup(
            name,
            {
                name: `${identifier}-postgres${major}`,
                family: `postgres${major}`,
                description: "TLS only, pgaudit, connection logging, pg_stat_statements",
                parameters: postgresParameters(cfg),
                tags: ctx.tags("internal", { Name: identifier }),
            },
            child,
        );

        const monitoringRole = new aws.iam.Role(
            `${name}-monitoring`,
            {
                description: "RDS enhanced monitoring publishes OS metrics to CloudWatch Logs",
                assumeRolePolicy: pulumi.output(args.accountId).apply((id) => JSON.stringify(enhancedMonitoringTrustPolicy(id))),
                tags: ctx.tags("internal"),
            },
            child,
        );
        const monitoringPolicy = new aws.iam.RolePolicyAttachment(
            `${name}-monitoring`,
            {
                role: monitoringRole.name,
                policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
            },
            child,
        );

        // RDS creates these groups on first export, with no retention and no key: create them first.
        const logGroups = (instanceId: string, label: string) =>
            LOG_EXPORTS.map((log) =>
                logGroup(
                    `${name}-${label}-${log}`,
                    {
                        context: ctx,
                        name: serviceLogGroupNames.rdsInstance(instanceId, log),
                        logClass: "audit",
                        logsKeyArn: args.logsKeyArn,
                        retentionInDays: cfg.logRetentionDays,
                    },
                    child,
                ),
            );

        // What every instance, primary or replica, shares.
        const common = {
            instanceClass: cfg.instanceClass,
            storageType: "gp3",
            storageEncrypted: true,
            kmsKeyId: args.dataKeyArn,
            parameterGroupName: parameterGroup.name,
            vpcSecurityGroupIds: [securityGroup.id],
            publiclyAccessible: false,
            port: PORT,
            iamDatabaseAuthenticationEnabled: true,
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: args.dataKeyArn,
            performanceInsightsRetentionPeriod: 7,
            monitoringInterval: cfg.monitoringIntervalSeconds,
            monitoringRoleArn: monitoringRole.arn,
            enabledCloudwatchLogsExports: LOG_EXPORTS,
            autoMinorVersionUpgrade: true,
            maintenanceWindow: cfg.maintenanceWindow,
            copyTagsToSnapshot: true,
            deletionProtection: cfg.deletionProtection,
            caCertIdentifier: "rds-ca-rsa2048-g1",
        };
        const phiTags = (instanceId: string, role: string) => ctx.tags("phi", { Name: instanceId, Backup: "true", DatabaseRole: role });

        const primary = new aws.rds.Instance(
            name,
            {
                ...common,
                identifier,
                engine: "postgres",
                engineVersion: cfg.engineVersion,
                allocatedStorage: cfg.storageGb,
                maxAllocatedStorage: cfg.maxStorageGb,
                dbName: this.databaseName,
                username: `${this.databaseName}_admin`,
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: args.secretsKeyArn,
                dbSubnetGroupName: subnetGroup.name,
                multiAz: cfg.multiAz,
                backupRetentionPeriod: cfg.backupRetentionDays,
                backupWindow: cfg.backupWindow,
                skipFinalSnapshot: !cfg.deletionProtection,
                finalSnapshotIdentifier: cfg.deletionProtection ? `${identifier}-final` : undefined,
                tags: phiTags(identifier, "primary"),
            },
            ctx.stateful({ parent: this, dependsOn: [...logGroups(identifier, "primary"), monitoringPolicy] }),
        );

        const replicas = Array.from({ length: cfg.readReplicas }, (_, i) => {
            const replicaId = `${identifier}-replica-${i + 1}`;
            return new aws.rds.Instance(
                `${name}-replica-${i + 1}`,
                {
                    ...common,
                    identifier: replicaId,
                    replicateSourceDb: primary.identifier,
                    // The primary's standby sits in the first AZ's partner; replicas start one AZ along.
                    availabilityZone: pulumi.output(args.availabilityZones).apply((zones) => zones[(i + 1) % zones.length]),
                    skipFinalSnapshot: true,
                    tags: phiTags(replicaId, "replica"),
                },
                ctx.stateful({ parent: this, dependsOn: [...logGroups(replicaId, `replica-${i + 1}`), monitoringPolicy] }),
            );
        });

        this.masterUserSecretArn = primary.masterUserSecrets.apply((s) => s[0].secretArn);
        // AWS rotates the RDS-managed master secret itself; only the schedule is ours [004: quarterly].
        new aws.secretsmanager.SecretRotation(
            `${name}-master`,
            { secretId: this.masterUserSecretArn, rotationRules: { automaticallyAfterDays: ctx.config.secrets.rotationDays } },
            child,
        );

        this.address = primary.address;
        this.endpoint = pulumi.interpolate`${primary.address}:${PORT}`;
        this.readerEndpoints = replicas.map((r) => pulumi.interpolate`${r.address}:${PORT}`);
        const instances = [primary, ...replicas];
        this.instanceIdentifiers = instances.map((i) => i.identifier);
        this.instanceArns = instances.map((i) => i.arn);

        const credentials = Object.fromEntries(
            databaseRoles.map((role) => [role.name, generatedSecret(`${name}-${role.name}`, ctx.config.secrets.length, this)]),
        ) as Record<DatabaseRole["name"], pulumi.Output<string>>;
        if (cfg.roles.enabled) {
            new DatabaseRoles(
                `${name}-roles`,
                {
                    host: cfg.roles.host ?? primary.address,
                    port: cfg.roles.port ?? PORT,
                    databaseName: this.databaseName,
                    schema: cfg.roles.schema,
                    masterUsername: primary.username,
                    masterSecretArn: this.masterUserSecretArn,
                    passwords: credentials,
                },
                { parent: this },
            );
        }
        this.secretDocuments = Object.fromEntries(
            databaseRoles.map((role) => [
                role.secretEntry,
                {
                    engine: "postgres",
                    host: role.readOnly && replicas.length > 0 ? replicas[0].address : primary.address,
                    readerHosts: pulumi.all(replicas.map((r) => r.address)),
                    port: PORT,
                    dbname: this.databaseName,
                    schema: cfg.roles.schema,
                    username: role.login,
                    password: credentials[role.name],
                    sslmode: "verify-full",
                },
            ]),
        );

        this.registerOutputs({
            endpoint: this.endpoint,
            readerEndpoints: this.readerEndpoints,
            instanceIdentifiers: this.instanceIdentifiers,
            instanceArns: this.instanceArns,
            masterUserSecretArn: this.masterUserSecretArn,
            securityGroupId: this.securityGroupId,
        });
    }
}
