import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { logGroup, serviceLogGroupNames } from "../audit/log-groups";
import { DatabaseRoles, databaseRolesOn, DatabaseRole } from "./database-roles";
import { DatabaseConfig } from "../config/schema/database";
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

/** The analytics database's handles, for outputs, AWS Backup and CloudWatch alarms. */
export interface AnalyticsDatabase {
    identifier: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    address: pulumi.Output<string>;
    endpoint: pulumi.Output<string>;
    databaseName: string;
    masterUsername: pulumi.Output<string>;
    masterUserSecretArn: pulumi.Output<string>;
    securityGroupId: pulumi.Output<string>;
}

/** What differs between the two standalone (non-replica) instances: the primary and the analytics database. */
interface StandaloneSpec {
    label: "primary" | "analytics";
    identifier: string;
    dbName: string;
    instanceClass: string;
    storageGb: number;
    maxStorageGb: number;
    securityGroup: aws.ec2.SecurityGroup;
}

/**
 * RDS PostgreSQL: an encrypted primary (Multi-AZ where the profile asks), read replicas spread
 * over the AZs, in the isolated data subnets, reachable on 5432 from the application tier only;
 * and, where the stack asks, a separate analytics database built from the same pieces.
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
    /** Primary first, then the replicas: where postgres_exporter connects. */
    readonly instanceAddresses: pulumi.Output<string>[];
    readonly databaseName: string;
    /** The RDS-managed master credentials (rotated by AWS). */
    readonly masterUserSecretArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    /** What the secrets area stores: connection documents per login role, by entry name. */
    readonly secretDocuments: Record<string, SecretDocument>;
    /** The separate analytics database, when `careplane:database.analytics.enabled`. */
    readonly analytics?: AnalyticsDatabase;
    /**
     * Each instance's `postgresql` log, by instance label (primary, replica-N, analytics): pgaudit's
     * records, and error messages that can quote values, so PHI-bearing and archived.
     */
    readonly postgresqlLogGroups: Record<string, aws.cloudwatch.LogGroup> = {};

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
        // Analysts and reporting tools reach the databases from the application tier (in the cluster, or
        // through a Session Manager port forward), so that tier is each group's only source.
        const postgresSecurityGroup = (resourceName: string, groupName: string, what: string) =>
            new aws.ec2.SecurityGroup(
                resourceName,
                {
                    vpcId: args.vpcId,
                    description: `${what}: 5432 from the application tier only`,
                    ingress: [
                        {
                            protocol: "tcp",
                            fromPort: PORT,
                            toPort: PORT,
                            securityGroups: [args.appSecurityGroupId],
                            description: `${what} from the application tier`,
                        },
                    ],
                    egress: [],
                    tags: ctx.tags("internal", { Name: groupName }),
                },
                child,
            );
        const securityGroup = postgresSecurityGroup(name, identifier, "PostgreSQL");
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
            LOG_EXPORTS.map((log) => {
                const group = logGroup(
                    `${name}-${label}-${log}`,
                    {
                        context: ctx,
                        name: serviceLogGroupNames.rdsInstance(instanceId, log),
                        logClass: "audit",
                        logsKeyArn: args.logsKeyArn,
                        retentionInDays: cfg.logRetentionDays,
                        classification: log === "postgresql" ? "phi" : "confidential",
                    },
                    child,
                );
                if (log === "postgresql") this.postgresqlLogGroups[label] = group;
                return group;
            });

        // What every instance, primary, replica or analytics, shares.
        const common = {
            storageType: "gp3",
            storageEncrypted: true,
            kmsKeyId: args.dataKeyArn,
            parameterGroupName: parameterGroup.name,
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
        /** One instance: PHI, selected for AWS Backup by its tag, protected in prod, its log groups first. */
        const instance = (label: string, role: string, instanceId: string, settings: Omit<aws.rds.InstanceArgs, keyof typeof common>) =>
            new aws.rds.Instance(
                label === "primary" ? name : `${name}-${label}`,
                {
                    ...common,
                    ...settings,
                    identifier: instanceId,
                    tags: ctx.tags("phi", { Name: instanceId, Backup: "true", DatabaseRole: role }),
                },
                ctx.stateful({ parent: this, dependsOn: [...logGroups(instanceId, label), monitoringPolicy] }),
            );
        /** A source instance (not a replica): its own storage, master secret, automated backups and final snapshot. */
        const standalone = (spec: StandaloneSpec) => {
            const db = instance(spec.label, spec.label, spec.identifier, {
                instanceClass: spec.instanceClass,
                vpcSecurityGroupIds: [spec.securityGroup.id],
                engine: "postgres",
                engineVersion: cfg.engineVersion,
                allocatedStorage: spec.storageGb,
                maxAllocatedStorage: spec.maxStorageGb,
                dbName: spec.dbName,
                username: `${this.databaseName}_admin`,
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: args.secretsKeyArn,
                dbSubnetGroupName: subnetGroup.name,
                multiAz: cfg.multiAz,
                backupRetentionPeriod: cfg.backupRetentionDays,
                backupWindow: cfg.backupWindow,
                skipFinalSnapshot: !cfg.deletionProtection,
                finalSnapshotIdentifier: cfg.deletionProtection ? `${spec.identifier}-final` : undefined,
            });
            const masterUserSecretArn = db.masterUserSecrets.apply((s) => s[0].secretArn);
            // AWS rotates the RDS-managed master secret itself; only the schedule is ours [004: quarterly].
            new aws.secretsmanager.SecretRotation(
                spec.label === "primary" ? `${name}-master` : `${name}-${spec.label}-master`,
                { secretId: masterUserSecretArn, rotationRules: { automaticallyAfterDays: ctx.config.secrets.rotationDays } },
                child,
            );
            return { db, masterUserSecretArn };
        };

        const main = standalone({
            label: "primary",
            identifier,
            dbName: this.databaseName,
            instanceClass: cfg.instanceClass,
            storageGb: cfg.storageGb,
            maxStorageGb: cfg.maxStorageGb,
            securityGroup,
        });
        const primary = main.db;

        const replicas = Array.from({ length: cfg.readReplicas }, (_, i) =>
            instance(`replica-${i + 1}`, "replica", `${identifier}-replica-${i + 1}`, {
                instanceClass: cfg.instanceClass,
                vpcSecurityGroupIds: [securityGroup.id],
                replicateSourceDb: primary.identifier,
                // The primary's standby sits in the first AZ's partner; replicas start one AZ along.
                availabilityZone: pulumi.output(args.availabilityZones).apply((zones) => zones[(i + 1) % zones.length]),
                skipFinalSnapshot: true,
            }),
        );

        this.masterUserSecretArn = main.masterUserSecretArn;
        this.address = primary.address;
        this.endpoint = pulumi.interpolate`${primary.address}:${PORT}`;
        this.readerEndpoints = replicas.map((r) => pulumi.interpolate`${r.address}:${PORT}`);
        const instances = [primary, ...replicas];
        this.instanceIdentifiers = instances.map((i) => i.identifier);
        this.instanceAddresses = instances.map((i) => i.address);
        this.instanceArns = instances.map((i) => i.arn);

        if (cfg.analytics.enabled) {
            const analyticsId = ctx.name("db-analytics");
            const analyticsDbName = `${this.databaseName}_analytics`;
            const analyticsSecurityGroup = postgresSecurityGroup(`${name}-analytics`, analyticsId, "Analytics PostgreSQL");
            const analytics = standalone({
                label: "analytics",
                identifier: analyticsId,
                dbName: analyticsDbName,
                instanceClass: cfg.analytics.instanceClass,
                storageGb: cfg.analytics.storageGb,
                maxStorageGb: cfg.analytics.maxStorageGb,
                securityGroup: analyticsSecurityGroup,
            });
            this.analytics = {
                identifier: analytics.db.identifier,
                arn: analytics.db.arn,
                address: analytics.db.address,
                endpoint: pulumi.interpolate`${analytics.db.address}:${PORT}`,
                databaseName: analyticsDbName,
                masterUsername: analytics.db.username,
                masterUserSecretArn: analytics.masterUserSecretArn,
                securityGroupId: analyticsSecurityGroup.id,
            };
        }

        const logins = databaseRolesOn(ctx.config.compute.platform);
        const credentials = Object.fromEntries(
            logins.map((role) => [role.name, generatedSecret(`${name}-${role.name}`, ctx.config.secrets.length, this)]),
        ) as Partial<Record<DatabaseRole["name"], pulumi.Output<string>>>;
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
                    analyticsLogin: this.analytics === undefined,
                },
                { parent: this },
            );
            if (this.analytics) {
                // The workers load it with the app login, migrations shape it and postgres_exporter watches it: the same logins.
                new DatabaseRoles(
                    `${name}-analytics-roles`,
                    {
                        host: cfg.analytics.roles.host ?? this.analytics.address,
                        port: cfg.analytics.roles.port ?? PORT,
                        databaseName: this.analytics.databaseName,
                        schema: cfg.roles.schema,
                        masterUsername: this.analytics.masterUsername,
                        masterSecretArn: this.analytics.masterUserSecretArn,
                        passwords: credentials,
                        analyticsLogin: true,
                    },
                    { parent: this },
                );
            }
        }
        this.secretDocuments = Object.fromEntries(
            logins.map((role) => [
                role.secretEntry,
                {
                    engine: "postgres",
                    ...this.connectionFor(role, primary, replicas),
                    port: PORT,
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
            analytics: this.analytics,
        });
    }

    /**
     * Where a login connects. The analytics login reads the analytics database when there is one,
     * else the first replica; the writers also learn the analytics database, to load and migrate it.
     */
    private connectionFor(role: DatabaseRole, primary: aws.rds.Instance, replicas: aws.rds.Instance[]) {
        const analytics = this.analytics;
        if (role.name === "analytics" && analytics) {
            return { host: analytics.address, readerHosts: [], dbname: analytics.databaseName };
        }
        return {
            host: role.readOnly && replicas.length > 0 ? replicas[0].address : primary.address,
            readerHosts: pulumi.all(replicas.map((r) => r.address)),
            dbname: this.databaseName,
            ...(analytics && !role.readOnly ? { analyticsHost: analytics.address, analyticsDbname: analytics.databaseName } : {}),
        };
    }
}
