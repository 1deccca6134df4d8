import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../security/trust-policies";
import { PlatformContext } from "../context";
import { logGroup, serviceLogGroupNames } from "../audit/log-groups";
import { DatabaseRoles, migrationLogin, monitoringLogin, PasswordLogin, personLogins, serviceLogin } from "./database-roles";
import { DatabaseConfig } from "../config/schema/database";
import { SecretsConfig } from "../config/schema/secrets";
import { attachPolicy } from "../security/iam";
import { databaseLoginPolicy } from "./database-login";
import { RDS_CA_IDENTIFIER } from "./rds-ca";
import { RotatedEntry } from "./rotation/rotations";
import { generatedSecret, RotatedDocument, storedEntry } from "./secrets";
import { analyticsEntry, serviceSecretEntry } from "./service-secrets";
import { dataStorePorts, dataStoreSecurityGroup } from "../network/data-stores";

const PORT = dataStorePorts.postgres;
/** The master login's entry; the analytics database's is `analytics-database-master`. */
export const MASTER_ENTRY = "database-master";
const LOG_EXPORTS = ["postgresql", "upgrade"];

export interface DatabaseArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    /** The network's isolated data subnets, one per AZ. */
    subnetIds: pulumi.Input<string>[];
    availabilityZones: pulumi.Input<string[]>;
    /**
     * The security groups admitted on 5432: the PostgreSQL clients' group (network.ts), which only the pods and tasks
     * of the services that read a database login (see `services`) and postgres_exporter carry.
     */
    clientSecurityGroupIds: pulumi.Input<string>[];
    /**
     * The deploy runner's security group (the in-VPC CI runner): admitted on 5432 so the PostgreSQL
     * provider can create the roles; the role providers wait for the group that admits it.
     */
    deployerSecurityGroupId?: pulumi.Input<string>;
    /** The services that read the `database` entry: each gets its own login and entry (`<service>/database`). */
    services: string[];
    /** Encrypts storage, snapshots and Performance Insights. */
    dataKeyArn: pulumi.Input<string>;
    /** Encrypts the RDS-managed master password in Secrets Manager. */
    secretsKeyArn: pulumi.Input<string>;
    /** Encrypts the exported log groups. */
    logsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /**
     * The roles people assume to log in as a person's login with IAM database authentication: the
     * analytics role as `analyst`, the operator role (where Session Manager is on) as `dba`.
     */
    peopleRoles: Partial<Record<PersonLogin, aws.iam.Role>>;
    /** Engine, sizes, replicas, the analytics instance, parameters and roles (`careplane:database`). */
    config: DatabaseConfig;
    /** The VPC's range: the rotation functions reach PostgreSQL inside it. */
    vpcCidr: string;
    /** Generated passwords' length and the entries' recovery window (`careplane:secrets`). */
    secrets: SecretsConfig;
    /** Whether postgres_exporter (which runs in the cluster, so on EKS only) gets a login. */
    exporter: boolean;
    /**
     * A pilot light's: the primary database instance's ARN (`careplane:dr.source.database`). The primary becomes a
     * cross-region read replica of it, read-only, carrying the source's roles and passwords: no master entry, no
     * roles, no logins or rotation here; the services read the source's entries, replicated into this region.
     */
    source?: string;
}

type PersonLogin = "dba" | "analyst";

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
    /** The master credentials' entry (`database-master`), which careplane rotates; a replica of another region's has none. */
    readonly masterUserSecretArn?: pulumi.Output<string>;
    /** The master entries of the primary and the analytics database, for the rotation area. */
    readonly masterEntries: RotatedEntry[] = [];
    readonly securityGroupId: pulumi.Output<string>;
    /** The DB subnet group of the isolated data subnets: restore tests restore into it too. */
    readonly subnetGroupName: pulumi.Output<string>;
    /**
     * What the secrets area stores: a connection document per password login and database (the analytics
     * database's logins in entries of their own), by entry name, each with how it rotates.
     */
    readonly secretDocuments: Record<string, RotatedDocument>;
    /** The security group of the functions that rotate the logins: every database's admits it on 5432. */
    readonly rotationSecurityGroupId?: pulumi.Output<string>;
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
        const cfg = args.config;
        const child = { parent: this };
        const identifier = ctx.name("db");
        this.databaseName = ctx.app.replace(/-/g, "_");

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
        this.subnetGroupName = subnetGroup.name;
        // The rotation functions (AWS's PostgreSQL templates) run in the app subnets: they log in on 5432 and
        // reach Secrets Manager (its endpoint) and the RDS API (through the NAT) on 443.
        const rotationSecurityGroup = args.source
            ? undefined
            : new aws.ec2.SecurityGroup(
                  `${name}-rotation`,
                  {
                      vpcId: args.vpcId,
                      description: "PostgreSQL login rotation: 5432 inside the VPC, HTTPS to AWS APIs",
                      ingress: [],
                      egress: [
                          { protocol: "tcp", fromPort: PORT, toPort: PORT, cidrBlocks: [args.vpcCidr], description: "PostgreSQL" },
                          {
                              protocol: "tcp",
                              fromPort: 443,
                              toPort: 443,
                              cidrBlocks: ["0.0.0.0/0"],
                              description: "Secrets Manager and RDS APIs",
                          },
                      ],
                      tags: ctx.tags("internal", { Name: ctx.name("db-rotation") }),
                  },
                  child,
              );
        this.rotationSecurityGroupId = rotationSecurityGroup?.id;
        // Only the PostgreSQL clients' group (the pods and tasks of the services that log in, postgres_exporter),
        // the deploy runner that creates the roles and the functions that rotate the logins reach the databases.
        const clients = args.clientSecurityGroupIds;
        const postgresSecurityGroup = (resourceName: string, groupName: string, what: string) =>
            dataStoreSecurityGroup(
                resourceName,
                {
                    context: ctx,
                    vpcId: args.vpcId,
                    store: "postgres",
                    description: !rotationSecurityGroup
                        ? `${what}: 5432 from the PostgreSQL clients${args.deployerSecurityGroupId ? " and the CI runner" : " only"}`
                        : args.deployerSecurityGroupId
                          ? `${what}: 5432 from the PostgreSQL clients, the CI runner and the login rotation`
                          : `${what}: 5432 from the PostgreSQL clients and the login rotation only`,
                    groupName,
                    admit: [
                        { securityGroupIds: clients, description: `${what} from the PostgreSQL clients group` },
                        ...(args.deployerSecurityGroupId
                            ? [
                                  {
                                      securityGroupIds: [args.deployerSecurityGroupId],
                                      description: `${what} from the in-VPC CI runner (database roles)`,
                                  },
                              ]
                            : []),
                        ...(rotationSecurityGroup
                            ? [{ securityGroupIds: [rotationSecurityGroup.id], description: `${what} from the login rotation functions` }]
                            : []),
                    ],
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
                assumeRolePolicy: pulumi
                    .output(args.accountId)
                    .apply((id) => JSON.stringify(serviceTrustPolicy("monitoring.rds.amazonaws.com", id))),
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
            caCertIdentifier: RDS_CA_IDENTIFIER,
        };
        /** One instance: PHI, selected for AWS Backup by its tag, protected in prod, its log groups first. */
        const instance = (
            label: string,
            role: string,
            instanceId: string,
            settings: Omit<aws.rds.InstanceArgs, keyof typeof common>,
            ignoreChanges: string[] = [],
        ) =>
            new aws.rds.Instance(
                label === "primary" ? name : `${name}-${label}`,
                {
                    ...common,
                    ...settings,
                    identifier: instanceId,
                    tags: ctx.tags("phi", { Name: instanceId, Backup: "true", DatabaseRole: role }),
                },
                ctx.stateful({ parent: this, dependsOn: [...logGroups(instanceId, label), monitoringPolicy], ignoreChanges }),
            );
        /**
         * A source instance (not a replica): its own storage, master secret, automated backups and final snapshot.
         * The master password is careplane's, in an entry careplane creates and rotates (single user, AWS's
         * template), not RDS-managed (`manageMasterUserPassword`): RDS creates no read replica of an instance
         * whose master password it manages (RDS user guide, "Limitations for Secrets Manager integration with
         * Amazon RDS"), and the primary has replicas in staging and prod.
         */
        const standalone = (spec: StandaloneSpec) => {
            const masterPassword = generatedSecret(`${name}-${spec.label}-master`, args.secrets.length, this);
            const db = instance(
                spec.label,
                spec.label,
                spec.identifier,
                {
                    instanceClass: spec.instanceClass,
                    vpcSecurityGroupIds: [spec.securityGroup.id],
                    engine: "postgres",
                    engineVersion: cfg.engineVersion,
                    allocatedStorage: spec.storageGb,
                    maxAllocatedStorage: spec.maxStorageGb,
                    dbName: spec.dbName,
                    username: `${this.databaseName}_admin`,
                    password: masterPassword,
                    dbSubnetGroupName: subnetGroup.name,
                    multiAz: cfg.multiAz,
                    // Where AWS Backup keeps the instance continuously (prod), it owns these automated backups and
                    // its continuous rule keeps them this same number of days (backup/backup.ts continuousBackup).
                    backupRetentionPeriod: cfg.backupRetentionDays,
                    backupWindow: cfg.backupWindow,
                    skipFinalSnapshot: !cfg.deletionProtection,
                    finalSnapshotIdentifier: cfg.deletionProtection ? `${spec.identifier}-final` : undefined,
                },
                // Set once, at creation: the rotation changes it from then on, and Pulumi must not set it back.
                ["password"],
            );
            const entry = spec.label === "primary" ? MASTER_ENTRY : analyticsEntry(MASTER_ENTRY);
            const master = storedEntry(
                `${name}-${spec.label}-master`,
                {
                    context: ctx,
                    entry,
                    kmsKeyArn: args.secretsKeyArn,
                    recoveryWindowDays: args.secrets.recoveryWindowDays,
                    // What AWS's PostgreSQL rotation templates read from a master secret.
                    document: {
                        engine: "postgres",
                        host: db.address,
                        port: PORT,
                        dbname: spec.dbName,
                        dbInstanceIdentifier: db.identifier,
                        username: db.username,
                        password: masterPassword,
                        ssl: true,
                    },
                    rotation: { kind: "postgres", strategy: "single-user", securityGroupId: rotationSecurityGroup!.id, after: [db] },
                },
                this,
            );
            this.masterEntries.push(master);
            return { db, masterUserSecretArn: master.arn, securityGroup: spec.securityGroup };
        };

        /**
         * A pilot light's primary: a cross-region read replica of the source (RDS user guide, "Creating a read replica
         * in a different AWS Region"): the source named by its ARN, a key of this region for its storage (KMS keys
         * never leave theirs), a subnet group of this VPC; engine, storage size, database name and master login come
         * from the source, so none is given. It keeps its own automated backups (RDS for PostgreSQL replicas take
         * them), is Multi-AZ where the profile asks, and is protected like the primary it stands in for.
         */
        const crossRegionReplica = (source: string) =>
            instance("primary", "replica", identifier, {
                instanceClass: cfg.instanceClass,
                vpcSecurityGroupIds: [securityGroup.id],
                replicateSourceDb: source,
                dbSubnetGroupName: subnetGroup.name,
                maxAllocatedStorage: cfg.maxStorageGb,
                multiAz: cfg.multiAz,
                backupRetentionPeriod: cfg.backupRetentionDays,
                backupWindow: cfg.backupWindow,
                skipFinalSnapshot: !cfg.deletionProtection,
                finalSnapshotIdentifier: cfg.deletionProtection ? `${identifier}-final` : undefined,
            });
        const main = args.source
            ? { db: crossRegionReplica(args.source), masterUserSecretArn: undefined, securityGroup }
            : standalone({
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

        let analyticsStandalone: ReturnType<typeof standalone> | undefined;
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
            analyticsStandalone = analytics;
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

        // Logins with a password: the migration owner, postgres_exporter's on EKS, and one per service.
        const passwordLogins: PasswordLogin[] = [
            migrationLogin,
            ...(args.exporter ? [monitoringLogin] : []),
            ...args.services.map((service) => serviceLogin(service, serviceSecretEntry(service, "database"))),
        ];
        // Each database's logins have passwords (and entries) of their own: a rotation changes a login on one host.
        const credentials = (prefix: string) =>
            passwordLogins.map((login) => ({
                login,
                password: generatedSecret(`${prefix}-${login.login.replace(/_/g, "-")}`, args.secrets.length, this),
            }));
        // The analyst reads the analytics database when there is one, so its login lives there alone.
        const people = (analyticsHere: boolean) => personLogins.filter((p) => p.login !== "analyst" || analyticsHere);
        type Standalone = { db: aws.rds.Instance; masterUserSecretArn: pulumi.Output<string>; securityGroup: aws.ec2.SecurityGroup };
        const roles = (
            resourceName: string,
            db: Standalone,
            databaseName: string,
            logins: ReturnType<typeof credentials>,
            analyticsHere: boolean,
        ) =>
            new DatabaseRoles(
                resourceName,
                {
                    instance: db.db,
                    masterSecretArn: db.masterUserSecretArn,
                    port: PORT,
                    databaseName,
                    schema: cfg.roles.schema,
                    logins,
                    people: people(analyticsHere),
                    reachableThrough: [db.securityGroup],
                },
                { parent: this },
            );
        /** One entry per login of a database: how to connect, and how the login rotates. */
        const entries = (
            db: Standalone,
            logins: ReturnType<typeof credentials>,
            managed: DatabaseRoles,
            connection: Record<string, unknown>,
            entryOf: (entry: string) => string,
        ): Array<[string, RotatedDocument]> =>
            logins.map(({ login, password }) => [
                entryOf(login.secretEntry),
                {
                    document: {
                        engine: "postgres",
                        ...connection,
                        port: PORT,
                        schema: cfg.roles.schema,
                        username: login.login,
                        password,
                        sslmode: "verify-full",
                        // AWS's rotation templates: TLS with no fallback, and the master secret that creates the clone.
                        ssl: true,
                        ...(login.rotation === "alternating-users" ? { masterarn: db.masterUserSecretArn } : {}),
                    },
                    rotation: {
                        kind: "postgres",
                        securityGroupId: rotationSecurityGroup!.id,
                        after: [managed.loginRoles[login.login]],
                        ...(login.rotation === "alternating-users"
                            ? { strategy: "alternating-users" as const, masterSecretArn: db.masterUserSecretArn }
                            : { strategy: "single-user" as const }),
                    },
                },
            ]);
        const documents: Array<[string, RotatedDocument]> = [];
        // A replica of another region's database is read-only and carries that database's roles and passwords.
        if (main.masterUserSecretArn) {
            const source: Standalone = { ...main, masterUserSecretArn: main.masterUserSecretArn };
            const mainLogins = credentials(name);
            const mainRoles = roles(`${name}-roles`, source, this.databaseName, mainLogins, analyticsStandalone === undefined);
            documents.push(
                ...entries(
                    source,
                    mainLogins,
                    mainRoles,
                    { host: primary.address, readerHosts: pulumi.all(replicas.map((r) => r.address)), dbname: this.databaseName },
                    (entry) => entry,
                ),
            );
        }
        // The services load the analytics database, migrations shape it and postgres_exporter watches it: the same
        // logins, with passwords and entries of their own there.
        if (analyticsStandalone && this.analytics) {
            const analyticsLogins = credentials(`${name}-analytics`);
            const analyticsRoles = roles(
                `${name}-analytics-roles`,
                analyticsStandalone,
                this.analytics.databaseName,
                analyticsLogins,
                true,
            );
            documents.push(
                ...entries(
                    analyticsStandalone,
                    analyticsLogins,
                    analyticsRoles,
                    { host: this.analytics.address, dbname: this.analytics.databaseName },
                    analyticsEntry,
                ),
            );
        }
        this.secretDocuments = Object.fromEntries(documents);

        const peopleInstances: Record<PersonLogin, aws.rds.Instance[]> = {
            dba: [...instances, ...(analyticsStandalone ? [analyticsStandalone.db] : [])],
            analyst: analyticsStandalone ? [analyticsStandalone.db] : instances,
        };
        for (const [login, role] of Object.entries(args.peopleRoles) as Array<[PersonLogin, aws.iam.Role | undefined]>) {
            if (!role) continue;
            const loginArns = peopleInstances[login].map(
                (i) => pulumi.interpolate`arn:${args.partition}:rds-db:${ctx.region}:${args.accountId}:dbuser:${i.resourceId}/${login}`,
            );
            attachPolicy(
                `${name}-${login}-login`,
                ctx,
                role,
                `Connect to PostgreSQL as the ${login} login (IAM authentication)`,
                pulumi
                    .all(loginArns)
                    .apply((arns) => JSON.stringify(databaseLoginPolicy(`ConnectAs${login[0].toUpperCase()}${login.slice(1)}`, arns))),
                child,
            );
        }
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
}
