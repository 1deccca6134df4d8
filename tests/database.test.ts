import { expect } from "chai";
import { parseStackConfig } from "../components/config/stack-config";
import { profiles } from "../components/config/profiles";
import { Plan, PlannedResource } from "../tools/engine/plan";
import * as fs from "fs";
import * as path from "path";
import { X509Certificate } from "crypto";
import { RDS_CA_BUNDLE_FILE, RDS_CA_BUNDLE_PATH, rdsRootCaSubject } from "../components/data/rds-ca";
import { rdsCaBundle } from "../tools/certs/rds-ca-bundle";
import { byName, dataSubnetIds, EVERYTHING_ON, keyArn, rejection as rejectionOf, tagsOf } from "./support/data-tier";
import { arnIn, ofType, planOf, ROOT, stackFile, STACKS, violationsOf, onEcs } from "./support/engine";
import { selects } from "./support/resources";

const INSTANCE = "aws:rds/instance:Instance";
const primaryOf = (plan: Plan) => byName(plan, INSTANCE, "database");
const replicasOf = (plan: Plan) => ofType(plan, INSTANCE).filter((r) => r.inputs.replicateSourceDb !== undefined);

/** What the issue and its seeds ask of each environment. */
const expected = {
    dev: { replicas: 0, multiAz: false, protectedStore: false, instanceClass: /^db\.t4g\./ },
    test: { replicas: 0, multiAz: false, protectedStore: false, instanceClass: /^db\.t4g\./ },
    staging: { replicas: 1, multiAz: true, protectedStore: true, instanceClass: /^db\.r6g\./ },
    prod: { replicas: 3, multiAz: true, protectedStore: true, instanceClass: /^db\.r6g\.xlarge$/ },
} as const;

const rejection = (stack: string, database: Record<string, unknown>) => rejectionOf(stack, "database", database);

/**
 * That a policy lets its role connect as `login` on exactly these instances: one rds-db:connect resource per
 * instance, each naming the login on an instance's DbiResourceId, built from those instances and no other.
 */
function connectsAs(plan: Plan, role: string, login: string, instances: PlannedResource[]) {
    const policyName = `database-${login}-login`;
    const policy = byName(plan, "aws:iam/policy:Policy", policyName);
    const attachment = byName(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", policyName);
    expect(attachment.propertyDependencies.role, `${policyName} is attached to ${role}`).to.deep.equal([
        byName(plan, "aws:iam/role:Role", role).urn,
    ]);
    const [statement, ...rest] = JSON.parse(policy.inputs.policy as string).Statement;
    expect(rest, `${policyName}: nothing but the connect statement`).to.deep.equal([]);
    expect(statement).to.include({ Effect: "Allow", Action: "rds-db:connect" });
    expect(statement.Resource).to.have.length(instances.length);
    for (const arn of statement.Resource)
        expect(arn).to.match(new RegExp(`^arn:aws:rds-db:us-east-1:\\d{12}:dbuser:db-[0-9A-F]{26}/${login}$`));
    expect(new Set(statement.Resource).size).to.equal(instances.length);
    const built = policy.propertyDependencies.policy.filter((urn) => plan.resources.find((r) => r.urn === urn)?.type === INSTANCE);
    expect(built).to.have.members(instances.map((i) => i.urn));
}

/**
 * The instance's master password is careplane's: generated, set once (Pulumi ignores later changes), kept in the
 * entry `<app>/<env>/<entry>` under the secrets key, and rotated by AWS's single-user PostgreSQL template every
 * 90 days at most, once the instance and the entry's first value exist.
 */
function masterEntryRotates(plan: Plan, instance: PlannedResource, resourceName: string, entry: string) {
    expect(instance.inputs.manageMasterUserPassword ?? false, instance.name).to.equal(false);
    expect(instance.inputs).not.to.have.property("masterUserSecretKmsKeyId");
    expect(instance.inputs.password, instance.name).to.equal("[secret]");
    expect((instance.options as any).ignoreChanges).to.include("password");
    const secret = byName(plan, "aws:secretsmanager/secret:Secret", resourceName);
    expect(secret.inputs.name).to.match(new RegExp(`/${entry}$`));
    expect(secret.inputs.kmsKeyId).to.equal(keyArn(plan, "secrets"));
    const version = byName(plan, "aws:secretsmanager/secretVersion:SecretVersion", resourceName);
    expect(version.dependencies).to.include(instance.urn);
    const rotation = ofType(plan, "aws:secretsmanager/secretRotation:SecretRotation").find(
        (r) => r.inputs.secretId === arnIn(plan, secret),
    );
    expect(rotation, `a rotation of ${entry}`).to.not.equal(undefined);
    expect(rotation!.inputs.rotationRules).to.deep.equal({ automaticallyAfterDays: 90 });
    expect(rotation!.dependencies).to.include.members([instance.urn, version.urn]);
    const template = ofType(plan, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack").find((t) =>
        rotation!.dependencies.includes(t.urn),
    );
    expect(String(template?.inputs.applicationId)).to.match(/SecretsManagerRDSPostgreSQLRotationSingleUser$/);
}

/**
 * A database security group that admits 5432 from the PostgreSQL clients' group, the in-VPC CI
 * runner's (the postgresql provider creates the roles from there [18.1]) and the login rotation
 * functions' alone, and sends nothing out; returns it.
 */
function admitsClientsOnly(plan: Plan, name: string, what: string): PlannedResource {
    const clients = byName(plan, "aws:ec2/securityGroup:SecurityGroup", "network-postgres-clients");
    const runnerSg = byName(plan, "aws:ec2/securityGroup:SecurityGroup", "deployer");
    const rotationSg = byName(plan, "aws:ec2/securityGroup:SecurityGroup", "database-rotation");
    const sg = byName(plan, "aws:ec2/securityGroup:SecurityGroup", name);
    expect(sg.inputs.ingress, name).to.deep.equal([
        {
            protocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            securityGroups: [`${clients.name}-id`],
            description: `${what} from the PostgreSQL clients group`,
        },
        {
            protocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            securityGroups: [`${runnerSg.name}-id`],
            description: `${what} from the in-VPC CI runner (database roles)`,
        },
        {
            protocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            securityGroups: [`${rotationSg.name}-id`],
            description: `${what} from the login rotation functions`,
        },
    ]);
    expect(sg.inputs.egress, name).to.deep.equal([]);
    expect(sg.dependencies, name).to.include(clients.urn);
    return sg;
}

describe("database", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            const want = expected[stack];

            it(`runs one primary and ${want.replicas} read replica(s) of the ${want.instanceClass} class`, async () => {
                const plan = await planOf(stack);
                expect(ofType(plan, INSTANCE)).to.have.length(1 + want.replicas);
                expect(replicasOf(plan)).to.have.length(want.replicas);
                for (const replica of replicasOf(plan))
                    expect(replica.inputs.replicateSourceDb).to.equal(primaryOf(plan).inputs.identifier);
                for (const instance of ofType(plan, INSTANCE)) expect(instance.inputs.instanceClass).to.match(want.instanceClass);
            });

            it("spreads the replicas over distinct availability zones of the data subnets", async () => {
                const plan = await planOf(stack);
                const zones = ofType(plan, "aws:ec2/subnet:Subnet")
                    .filter((s) => tagsOf(s).Tier === "data")
                    .map((s) => s.inputs.availabilityZone);
                const replicaZones = replicasOf(plan).map((r) => r.inputs.availabilityZone);
                expect(new Set(replicaZones).size).to.equal(Math.min(want.replicas, zones.length));
                for (const zone of replicaZones) expect(zones).to.include(zone);
            });

            it(`is ${want.multiAz ? "" : "not "}Multi-AZ`, async () => {
                expect(primaryOf(await planOf(stack)).inputs.multiAz).to.equal(want.multiAz);
            });

            it("encrypts storage and Performance Insights with the data key, the master secret with the secrets key", async () => {
                const plan = await planOf(stack);
                for (const instance of ofType(plan, INSTANCE)) {
                    expect(instance.inputs.storageEncrypted, instance.name).to.equal(true);
                    expect(instance.inputs.kmsKeyId, instance.name).to.equal(keyArn(plan, "data"));
                    expect(instance.inputs.performanceInsightsEnabled, instance.name).to.equal(true);
                    expect(instance.inputs.performanceInsightsKmsKeyId, instance.name).to.equal(keyArn(plan, "data"));
                }
                masterEntryRotates(plan, primaryOf(plan), "database-primary-master", "database-master");
            });

            it("has no RDS-managed master password on an instance with read replicas (RDS creates none of such a source)", async () => {
                const plan = await planOf(stack);
                const primary = primaryOf(plan);
                expect(replicasOf(plan)).to.have.length(expected[stack as keyof typeof expected].replicas);
                for (const replica of replicasOf(plan)) expect(replica.inputs.replicateSourceDb).to.equal(primary.inputs.identifier);
                expect(primary.inputs.manageMasterUserPassword ?? false).to.equal(false);
            });

            it("admits 5432 only from the PostgreSQL clients', the CI runner's and the login rotation functions' security groups, and is never public", async () => {
                const plan = await planOf(stack);
                const dbSg = admitsClientsOnly(plan, "database", "PostgreSQL");
                for (const instance of ofType(plan, INSTANCE)) {
                    expect(instance.inputs.publiclyAccessible, instance.name).to.equal(false);
                    expect(instance.inputs.vpcSecurityGroupIds, instance.name).to.deep.equal([`${dbSg.name}-id`]);
                }
            });

            it("places the subnet group in the isolated data subnets only", async () => {
                const plan = await planOf(stack);
                expect(byName(plan, "aws:rds/subnetGroup:SubnetGroup", "database").inputs.subnetIds).to.have.members(dataSubnetIds(plan));
                expect(primaryOf(plan).inputs.dbSubnetGroupName).to.equal("caresync-" + stack + "-db");
            });

            it("sets the parameter group: TLS only, pgaudit for DDL and roles, connection logging, pg_stat_statements", async () => {
                const plan = await planOf(stack);
                const group = byName(plan, "aws:rds/parameterGroup:ParameterGroup", "database");
                const values = Object.fromEntries(
                    (group.inputs.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]),
                );
                expect(group.inputs.family).to.equal("postgres16");
                expect(values["rds.force_ssl"]).to.equal("1");
                expect(values["shared_preload_libraries"].split(",")).to.have.members(["pg_stat_statements", "pgaudit"]);
                expect(values["pgaudit.log"]).to.equal("ddl,role");
                expect(values["pgaudit.log_parameter"]).to.equal("0");
                expect(values["log_connections"]).to.equal("1");
                expect(values["log_disconnections"]).to.equal("1");
                // Statement text carries PHI: never log every statement.
                expect(values).not.to.have.property("log_statement");
                for (const instance of ofType(plan, INSTANCE)) expect(instance.inputs.parameterGroupName).to.equal(group.inputs.name);
            });

            it("exports postgresql and upgrade logs into encrypted log groups it creates, with audit retention", async () => {
                const plan = await planOf(stack);
                const groups = new Map(ofType(plan, "aws:cloudwatch/logGroup:LogGroup").map((g) => [g.inputs.name as string, g]));
                for (const instance of ofType(plan, INSTANCE)) {
                    expect(instance.inputs.enabledCloudwatchLogsExports).to.deep.equal(["postgresql", "upgrade"]);
                    for (const log of ["postgresql", "upgrade"]) {
                        const group = groups.get(`/aws/rds/instance/${instance.inputs.identifier}/${log}`);
                        expect(group, `${instance.name} ${log}`).to.not.equal(undefined);
                        expect(group!.inputs.retentionInDays).to.equal(profiles[stack].auditLogRetentionDays);
                        expect(group!.inputs.kmsKeyId).to.equal(keyArn(plan, "logs"));
                        expect(instance.dependencies).to.include(group!.urn);
                    }
                }
            });

            it("monitors every instance with its own enhanced-monitoring role, IAM auth on, Sunday 02:00-04:00 UTC maintenance", async () => {
                const plan = await planOf(stack);
                const role = byName(plan, "aws:iam/role:Role", "database-monitoring");
                const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
                expect(trust.Statement[0].Principal).to.deep.equal({ Service: "monitoring.rds.amazonaws.com" });
                for (const instance of ofType(plan, INSTANCE)) {
                    expect(instance.inputs.monitoringInterval).to.be.greaterThan(0);
                    expect(instance.inputs.monitoringRoleArn).to.equal(arnIn(plan, role));
                    expect(instance.inputs.iamDatabaseAuthenticationEnabled).to.equal(true);
                    expect(instance.inputs.maintenanceWindow).to.equal("sun:02:00-sun:04:00");
                    expect(instance.inputs.copyTagsToSnapshot).to.equal(true);
                }
            });

            it("keeps automated backups as long as RDS allows up to the profile's retention, with gp3 autoscaling storage", async () => {
                const primary = primaryOf(await planOf(stack));
                expect(primary.inputs.backupRetentionPeriod).to.equal(Math.min(profiles[stack].backupRetentionDays, 35));
                expect(primary.inputs.storageType).to.equal("gp3");
                expect(primary.inputs.maxAllocatedStorage).to.be.greaterThan(primary.inputs.allocatedStorage as number);
            });

            it("tags every instance as PHI selected for AWS Backup", async () => {
                for (const instance of ofType(await planOf(stack), INSTANCE)) {
                    expect(tagsOf(instance)).to.include({ DataClassification: "phi", Backup: "true", Environment: stack });
                }
            });

            it(
                want.protectedStore
                    ? "refuses deletion: deletion protection, a final snapshot, and protect in prod"
                    : "can be torn down: no deletion protection, no final snapshot, not protected",
                async () => {
                    const plan = await planOf(stack);
                    const primary = primaryOf(plan);
                    expect(primary.inputs.deletionProtection).to.equal(want.protectedStore);
                    expect(primary.inputs.skipFinalSnapshot).to.equal(!want.protectedStore);
                    if (want.protectedStore) expect(primary.inputs.finalSnapshotIdentifier).to.equal(`caresync-${stack}-db-final`);
                    else expect(primary.inputs).not.to.have.property("finalSnapshotIdentifier");
                    for (const instance of ofType(plan, INSTANCE)) {
                        expect(instance.inputs.deletionProtection, instance.name).to.equal(want.protectedStore);
                        expect(instance.protect, instance.name).to.equal(stack === "prod");
                    }
                },
            );
        });
    }

    it("applies the tunables the stack config names, in PostgreSQL's units [003]", async () => {
        const plan = await planOf("prod", EVERYTHING_ON); // workMem 256MB, sharedBuffers 4GB, 4 workers
        const group = byName(plan, "aws:rds/parameterGroup:ParameterGroup", "database");
        const values = Object.fromEntries(
            (group.inputs.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]),
        );
        expect(values["work_mem"]).to.equal(String(256 * 1024)); // kB
        expect(values["shared_buffers"]).to.equal(String((4 * 1024 * 1024) / 8)); // 8 kB pages
        expect(values["max_parallel_workers_per_gather"]).to.equal("4");
    });

    describe("roles inside PostgreSQL, in every stack", () => {
        const ROLE = "postgresql:index/role:Role";
        /** Each role provider with the PostgreSQL resources it manages, by the database it connects to. */
        const perDatabase = (plan: Plan) =>
            Object.fromEntries(
                ofType(plan, "pulumi:providers:postgresql").map((provider) => [
                    provider.inputs.database as string,
                    { provider, managed: plan.resources.filter((r) => r.custom && r.provider === provider.urn) },
                ]),
            );
        const roleNamed = (managed: PlannedResource[], name: string) => managed.find((r) => r.type === ROLE && r.inputs.name === name);
        const logins = (managed: PlannedResource[]) =>
            managed.filter((r) => r.type === ROLE && r.inputs.login === true).map((r) => r.inputs.name);
        /** The services of a stack file that list a secret. */
        const listing = (stack: string, secret: string, overrides = {}) => {
            const file = stackFile(stack, overrides);
            return Object.entries(parseStackConfig(file.config, file.file).services)
                .filter(([, svc]) => svc.secrets.includes(secret))
                .map(([name]) => name);
        };

        for (const stack of STACKS) {
            describe(stack, () => {
                it("connects as the RDS master user, over TLS verified against the committed RDS CA bundle, after the instance and the security group admitting the runner", async () => {
                    const plan = await planOf(stack);
                    const [provider, ...others] = ofType(plan, "pulumi:providers:postgresql");
                    expect(others, "one role provider (no analytics database)").to.deep.equal([]);
                    const primary = primaryOf(plan);
                    expect(provider.inputs).to.include({
                        database: "caresync",
                        sslmode: "verify-full",
                        sslrootcert: RDS_CA_BUNDLE_PATH,
                        password: "[secret]",
                        superuser: "false",
                    });
                    expect(provider.inputs.host).to.match(new RegExp(`^caresync-${stack}-db\\.`));
                    expect(provider.dependencies).to.include.members([
                        primary.urn,
                        byName(plan, "aws:ec2/securityGroup:SecurityGroup", "database").urn,
                    ]);
                    expect(fs.existsSync(path.join(ROOT, RDS_CA_BUNDLE_PATH)), "the bundle at the provider's path").to.equal(true);
                });

                it("creates a login for every database credential it stores: no entry names a role that does not exist", async () => {
                    const plan = await planOf(stack);
                    const roles = ofType(plan, ROLE).filter((r) => r.inputs.login === true);
                    // A database entry's document is built from an RDS instance; its password comes from a RandomPassword.
                    const databaseVersions = ofType(plan, "aws:secretsmanager/secretVersion:SecretVersion").filter((v) =>
                        v.propertyDependencies.secretString?.some((urn) => plan.resources.find((r) => r.urn === urn)?.type === INSTANCE),
                    );
                    expect(databaseVersions.length).to.be.greaterThan(1);
                    for (const version of databaseVersions) {
                        const passwords = version.propertyDependencies.secretString.filter((urn) => urn.includes("RandomPassword"));
                        expect(passwords, version.name).to.have.length(1);
                        // A PostgreSQL login, or the instance's master user (the master entry).
                        const loginsUsingIt = [...roles, ...ofType(plan, INSTANCE)].filter((r) =>
                            r.propertyDependencies.password?.includes(passwords[0]),
                        );
                        expect(loginsUsingIt.length, `${version.name}: a login with its password`).to.be.greaterThan(0);
                    }
                });

                it("gives every service that reads `database` a login of its own, member of app_rw, in its own entry", async () => {
                    const plan = await planOf(stack);
                    const { managed } = perDatabase(plan).caresync;
                    const services = listing(stack, "database");
                    expect(services.length).to.be.greaterThan(1);
                    const entries = ofType(plan, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name);
                    const passwords = new Set<string>();
                    for (const service of services) {
                        const login = roleNamed(managed, `svc_${service.replace(/-/g, "_")}`);
                        expect(login, service).to.not.equal(undefined);
                        expect(login!.inputs).to.include({ login: true, password: "[secret]" });
                        expect(login!.inputs.roles).to.deep.equal(["app_rw"]);
                        passwords.add(login!.propertyDependencies.password[0]);
                        expect(entries).to.include(`caresync/${stack}/${service}/database`);
                    }
                    expect(passwords.size, "one password per service").to.equal(services.length);
                    // No shared application login is left, nor its entry.
                    expect(roleNamed(managed, "app_rw")!.inputs.login).to.equal(false);
                    expect(entries).not.to.include(`caresync/${stack}/database`);
                });

                it("keeps privileges on group roles that log nobody in (app_rw, analytics_ro, rds_pgaudit)", async () => {
                    const { managed } = perDatabase(await planOf(stack)).caresync;
                    for (const group of ["app_rw", "analytics_ro", "rds_pgaudit"]) {
                        expect(roleNamed(managed, group)?.inputs.login, group).to.equal(false);
                    }
                    // pgaudit's role is granted to no one: membership would make a login's privileges audited as the role's.
                    for (const role of managed.filter((r) => r.type === ROLE)) {
                        expect((role.inputs.roles as string[] | undefined) ?? [], role.inputs.name as string).not.to.include("rds_pgaudit");
                    }
                });

                it("audits every read and write of the application schema's tables, present and future (pgaudit object auditing)", async () => {
                    const plan = await planOf(stack);
                    const group = byName(plan, "aws:rds/parameterGroup:ParameterGroup", "database");
                    const values = Object.fromEntries(
                        (group.inputs.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]),
                    );
                    expect(values["pgaudit.role"]).to.equal("rds_pgaudit");
                    for (const [database, { managed }] of Object.entries(perDatabase(plan))) {
                        const toAudit = managed.filter(
                            (r) => r.inputs.role === "rds_pgaudit" && r.inputs.objectType === "table" && r.inputs.schema === "app",
                        );
                        const now = toAudit.find((r) => r.type === "postgresql:index/grant:Grant");
                        const later = toAudit.find((r) => r.type === "postgresql:index/defaultPrivileges:DefaultPrivileges");
                        expect(now?.inputs.objects, `${database}: every existing table`).to.deep.equal([]);
                        expect(later?.inputs.owner, `${database}: tables the schema's owner creates later`).to.equal(
                            managed.find((r) => r.type === "postgresql:index/schema:Schema")!.inputs.owner,
                        );
                        for (const grant of [now!, later!])
                            expect(grant.inputs.privileges).to.have.members(["SELECT", "INSERT", "UPDATE", "DELETE"]);
                    }
                });

                it("logs people in with IAM only: dba and analyst are rds_iam members with no password", async () => {
                    const { managed } = perDatabase(await planOf(stack)).caresync;
                    const dba = roleNamed(managed, "dba")!;
                    const analyst = roleNamed(managed, "analyst")!;
                    expect(dba.inputs.roles).to.have.members(["rds_iam", "app_rw", "pg_monitor"]);
                    expect(analyst.inputs.roles).to.have.members(["rds_iam", "analytics_ro"]);
                    for (const person of [dba, analyst]) {
                        expect(person.inputs.login).to.equal(true);
                        expect(person.inputs).not.to.have.property("password");
                    }
                });

                it("lets the analytics role connect as the analyst, on the instances the analyst lives on, and read no database secret", async () => {
                    const plan = await planOf(stack);
                    connectsAs(plan, "analytics", "analyst", ofType(plan, INSTANCE));
                });
            });
        }

        describe("with an analytics database (prod)", () => {
            let plan: Plan;
            before(async () => {
                plan = await planOf("prod", EVERYTHING_ON);
            });

            it("creates the same program logins there, the analyst there alone, and the dba on both", () => {
                const databases = perDatabase(plan);
                expect(Object.keys(databases)).to.have.members(["caresync", "caresync_analytics"]);
                const services = listing("prod", "database", EVERYTHING_ON).map((s) => `svc_${s.replace(/-/g, "_")}`);
                expect(logins(databases.caresync.managed)).to.have.members(["migration_owner", "monitoring", "dba", ...services]);
                expect(logins(databases.caresync_analytics.managed)).to.have.members([
                    "migration_owner",
                    "monitoring",
                    "dba",
                    "analyst",
                    ...services,
                ]);
                const analytics = byName(plan, INSTANCE, "database-analytics");
                expect(databases.caresync_analytics.provider.dependencies).to.include(analytics.urn);
                expect(databases.caresync_analytics.provider.inputs).to.include({ sslmode: "verify-full", database: "caresync_analytics" });
            });

            it("lets the analytics role connect as the analyst on the analytics database only", () => {
                connectsAs(plan, "analytics", "analyst", [byName(plan, INSTANCE, "database-analytics")]);
            });

            it("gives the migration role the schema, app_rw read-write and analytics_ro read-only, on each database", () => {
                for (const [database, { managed }] of Object.entries(perDatabase(plan))) {
                    expect(managed.find((r) => r.type === "postgresql:index/schema:Schema")!.inputs, database).to.include({
                        name: "app",
                        owner: "migration_owner",
                    });
                    const privileges = (role: string) =>
                        managed
                            .filter((r) => r.inputs.role === role && r.inputs.objectType === "table")
                            .map((r) => r.inputs.privileges as string[]);
                    for (const granted of privileges("app_rw"))
                        expect(granted, database).to.have.members(["SELECT", "INSERT", "UPDATE", "DELETE"]);
                    for (const granted of privileges("analytics_ro")) expect(granted, database).to.deep.equal(["SELECT"]);
                    // Existing and future tables, and only where the analyst lives.
                    expect(privileges("analytics_ro"), database).to.have.length(database === "caresync_analytics" ? 2 : 0);
                }
            });

            it("makes the monitoring login a member of pg_monitor and grants it nothing else (EKS: postgres_exporter reads it)", () => {
                for (const { managed } of Object.values(perDatabase(plan))) {
                    expect(roleNamed(managed, "monitoring")!.inputs.roles).to.deep.equal(["pg_monitor"]);
                    expect(managed.filter((r) => r.inputs.role === "monitoring")).to.deep.equal([]);
                }
            });

            it("still previews with zero mandatory violations", async () => {
                const violations = await violationsOf(plan);
                expect(violations.filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
            });
        });

        it("lets operators connect as the dba where the stack has the operator role (Session Manager), on every instance", async () => {
            const access = JSON.parse(stackFile("prod").config["careplane:access"]);
            const plan = await planOf("prod", { "careplane:access": { ...access, sessionManager: true } });
            connectsAs(plan, "access-operator", "dba", ofType(plan, INSTANCE));
        });

        it("creates no monitoring login on ECS, where no postgres_exporter runs", async () => {
            const plan = await planOf("dev", onEcs("dev", "arn:aws:acm:us-east-1:123456789012:certificate/ecs-dev"));
            expect(logins(perDatabase(plan).caresync.managed)).not.to.include("monitoring");
            expect(ofType(plan, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name)).not.to.include(
                "caresync/dev/database-monitoring",
            );
        });

        it("has no switch to leave the roles out: `roles.enabled` is an unknown key", () => {
            expect(rejection("dev", { roles: { enabled: false } })).to.equal(
                "Pulumi.dev.yaml: careplane:database.roles.enabled = false is not allowed: unknown key; allowed keys: schema",
            );
        });
    });

    describe("the RDS CA bundle the role provider verifies servers against", () => {
        const committed = () => fs.readFileSync(RDS_CA_BUNDLE_FILE, "utf8");
        const subjects = () =>
            committed()
                .split(/(?=-----BEGIN CERTIFICATE-----)/)
                .map((pem) =>
                    new X509Certificate(pem).subject
                        .split("\n")
                        .find((l) => l.startsWith("CN="))!
                        .slice(3),
                );

        it("is current: the committed file is what `npm run certs:rds` generates", () => {
            expect(committed()).to.equal(rdsCaBundle());
        });

        it("holds the root of the instances' CA (rds-ca-rsa2048-g1) in every region a stack or example deploys to", () => {
            const dirs = [
                ROOT,
                ...fs
                    .readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
                    .filter((d) => d.isDirectory())
                    .map((d) => path.join(ROOT, "examples", d.name)),
            ];
            const regions = new Set(
                dirs.flatMap((dir) =>
                    fs
                        .readdirSync(dir)
                        .filter((f) => /^Pulumi\.[a-z]+\.yaml$/.test(f))
                        .map((f) => stackFile(f.split(".")[1], {}, dir).config["aws:region"]),
                ),
            );
            expect([...regions]).to.include.members(["us-east-1", "af-south-1"]);
            for (const region of regions) expect(subjects(), region).to.include(rdsRootCaSubject(region));
        });

        it("holds no expired certificate", () => {
            for (const pem of committed().split(/(?=-----BEGIN CERTIFICATE-----)/)) {
                expect(new Date(new X509Certificate(pem).validTo).getTime()).to.be.greaterThan(Date.now());
            }
        });
    });

    describe("the analytics database [000: optional], when a stack opts in", () => {
        // EVERYTHING_ON: analytics on, db.r6g.large, 50 GiB growing to 500.
        let plan: Plan;
        let analytics: PlannedResource;
        before(async () => {
            plan = await planOf("prod", EVERYTHING_ON);
            analytics = byName(plan, INSTANCE, "database-analytics");
        });
        /** Names of the RDS instances a secret entry's document is built from. */
        const instancesBehind = (p: Plan, entry: string) =>
            byName(p, "aws:secretsmanager/secretVersion:SecretVersion", `secrets-${entry}`)
                .propertyDependencies.secretString.map((urn) => p.resources.find((r) => r.urn === urn)!)
                .filter((r) => r.type === INSTANCE)
                .map((r) => r.name);

        it("is off by default: no analytics instance in any stack", async () => {
            for (const stack of STACKS) {
                const off = await planOf(stack);
                expect(
                    ofType(off, INSTANCE).filter((r) => tagsOf(r).DatabaseRole === "analytics"),
                    stack,
                ).to.deep.equal([]);
                expect(
                    ofType(off, "aws:ec2/securityGroup:SecurityGroup").map((g) => g.name),
                    stack,
                ).not.to.include("database-analytics");
            }
        });

        it("is a separate PostgreSQL instance of the configured class and storage, Multi-AZ like the primary", () => {
            const primary = primaryOf(plan);
            expect(analytics.inputs).to.include({
                engine: "postgres",
                engineVersion: primary.inputs.engineVersion,
                instanceClass: "db.r6g.large",
                allocatedStorage: 50,
                maxAllocatedStorage: 500,
                storageType: "gp3",
                identifier: "caresync-prod-db-analytics",
                dbName: "caresync_analytics",
                multiAz: true,
            });
            expect(analytics.inputs).not.to.have.property("replicateSourceDb");
            expect(ofType(plan, INSTANCE).filter((r) => tagsOf(r).DatabaseRole === "analytics")).to.have.length(1);
        });

        it("encrypts storage and Performance Insights with the data key, its master entry with the secrets key, rotated every 90 days", () => {
            expect(analytics.inputs).to.include({
                storageEncrypted: true,
                kmsKeyId: keyArn(plan, "data"),
                performanceInsightsEnabled: true,
                performanceInsightsKmsKeyId: keyArn(plan, "data"),
            });
            masterEntryRotates(plan, analytics, "database-analytics-master", "analytics-database-master");
        });

        it("sits in the isolated data subnets behind its own security group, which admits 5432 from the PostgreSQL clients group, the CI runner and the login rotation functions only", () => {
            const sg = admitsClientsOnly(plan, "database-analytics", "Analytics PostgreSQL");
            expect(analytics.inputs.vpcSecurityGroupIds).to.deep.equal([`${sg.name}-id`]);
            expect(analytics.inputs.publiclyAccessible).to.equal(false);
            const subnets = byName(plan, "aws:rds/subnetGroup:SubnetGroup", "database");
            expect(analytics.inputs.dbSubnetGroupName).to.equal(subnets.inputs.name);
            expect(subnets.inputs.subnetIds).to.have.members(dataSubnetIds(plan));
        });

        it("uses the primary's parameter group (TLS only, pgaudit), IAM auth and enhanced monitoring, and exports its logs to encrypted audit log groups", () => {
            const group = byName(plan, "aws:rds/parameterGroup:ParameterGroup", "database");
            const values = Object.fromEntries(
                (group.inputs.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]),
            );
            expect(values).to.include({ "rds.force_ssl": "1", "pgaudit.log": "ddl,role" });
            const role = byName(plan, "aws:iam/role:Role", "database-monitoring");
            expect(analytics.inputs).to.include({
                parameterGroupName: group.inputs.name,
                iamDatabaseAuthenticationEnabled: true,
                monitoringRoleArn: arnIn(plan, role),
            });
            expect(analytics.inputs.monitoringInterval).to.be.greaterThan(0);
            expect(analytics.inputs.enabledCloudwatchLogsExports).to.deep.equal(["postgresql", "upgrade"]);
            for (const log of ["postgresql", "upgrade"]) {
                const logGroup = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").find(
                    (g) => g.inputs.name === `/aws/rds/instance/caresync-prod-db-analytics/${log}`,
                );
                expect(logGroup, log).to.not.equal(undefined);
                expect(logGroup!.inputs).to.include({
                    retentionInDays: profiles.prod.auditLogRetentionDays,
                    kmsKeyId: keyArn(plan, "logs"),
                });
                expect(analytics.dependencies).to.include(logGroup!.urn);
            }
        });

        it("keeps automated backups as long as the primary, refuses deletion and is protected in prod", () => {
            expect(analytics.inputs).to.include({
                backupRetentionPeriod: primaryOf(plan).inputs.backupRetentionPeriod,
                deletionProtection: true,
                skipFinalSnapshot: false,
                finalSnapshotIdentifier: "caresync-prod-db-analytics-final",
            });
            expect(analytics.protect).to.equal(true);
        });

        it("is PHI, and the stack's AWS Backup selection picks it", () => {
            expect(tagsOf(analytics)).to.include({ DataClassification: "phi", Backup: "true", DatabaseRole: "analytics" });
            const [selection] = ofType(plan, "aws:backup/selection:Selection");
            expect(selects(selection, tagsOf(analytics))).to.equal(true);
        });

        it("has its own CPU, connections and free-storage alarms (20 % of its 50 GiB), and no replica-lag alarm", () => {
            const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").filter(
                (a) => (a.inputs.dimensions as Record<string, string>)?.DBInstanceIdentifier === "caresync-prod-db-analytics",
            );
            const byMetric = Object.fromEntries(alarms.map((a) => [a.inputs.metricName, a.inputs]));
            expect(Object.keys(byMetric)).to.have.members(["CPUUtilization", "DatabaseConnections", "FreeStorageSpace"]);
            expect(byMetric.FreeStorageSpace.threshold).to.equal(0.2 * 50 * 1024 ** 3);
        });

        it("gives every service's login and the migration login an entry of their own there, to load and migrate it (a rotation changes one database's login)", () => {
            for (const [entry, there] of [
                ["api/database", "api/analytics-database"],
                ["worker/database", "worker/analytics-database"],
                ["database-migration", "analytics-database-migration"],
            ]) {
                expect(instancesBehind(plan, entry), entry).not.to.include("database-analytics");
                expect(instancesBehind(plan, there), there).to.deep.equal(["database-analytics"]);
            }
        });
    });

    describe("config that would weaken a stack is rejected with one line", () => {
        it("Multi-AZ off in prod", () => {
            expect(rejection("prod", { multiAz: false })).to.equal(
                "Pulumi.prod.yaml: careplane:database.multiAz = false is not allowed: prod runs the database Multi-AZ; only true is allowed",
            );
        });

        it("deletion protection off in staging", () => {
            expect(rejection("staging", { deletionProtection: false })).to.equal(
                "Pulumi.staging.yaml: careplane:database.deletionProtection = false is not allowed: staging keeps deletion protection on; only true is allowed",
            );
        });

        it("a negative replica count", () => {
            expect(rejection("dev", { readReplicas: -1 })).to.equal(
                "Pulumi.dev.yaml: careplane:database.readReplicas = -1 is not allowed: expected an integer number of read replicas from 0 to 5",
            );
        });

        it("fewer than two replicas in prod", () => {
            expect(rejection("prod", { readReplicas: 1 })).to.equal(
                "Pulumi.prod.yaml: careplane:database.readReplicas = 1 is not allowed: prod keeps at least 2 read replicas; use an integer from 2 to 5",
            );
        });

        it("shorter automated backups than the profile keeps, and longer than RDS allows", () => {
            expect(rejection("prod", { backupRetentionDays: 7 })).to.equal(
                "Pulumi.prod.yaml: careplane:database.backupRetentionDays = 7 is not allowed: prod keeps automated database backups at least 35 days; use 35",
            );
            expect(rejection("dev", { backupRetentionDays: 60 })).to.equal(
                "Pulumi.dev.yaml: careplane:database.backupRetentionDays = 60 is not allowed: RDS keeps automated backups at most 35 days (longer retention is careplane:backup's); use an integer from 30 to 35",
            );
        });

        it("a PostgreSQL older than 15", () => {
            expect(rejection("test", { engineVersion: "14.9" })).to.equal(
                'Pulumi.test.yaml: careplane:database.engineVersion = "14.9" is not allowed: expected PostgreSQL 15 or newer, such as 16 or 16.4',
            );
        });

        it("database logs kept shorter than prod's audit retention", () => {
            expect(rejection("prod", { logRetentionDays: 90 })).to.equal(
                "Pulumi.prod.yaml: careplane:database.logRetentionDays = 90 is not allowed: prod keeps database logs at least 365 days; use one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            );
        });

        it("an analytics instance class that is not an RDS class", () => {
            expect(rejection("prod", { analytics: { enabled: true, instanceClass: "r6g.large" } })).to.equal(
                'Pulumi.prod.yaml: careplane:database.analytics.instanceClass = "r6g.large" is not allowed: expected an RDS instance class such as db.r6g.xlarge',
            );
        });

        it("an analytics switch that is not a boolean, and an analytics storage ceiling below its size", () => {
            expect(rejection("dev", { analytics: { enabled: "yes" } })).to.equal(
                'Pulumi.dev.yaml: careplane:database.analytics.enabled = "yes" is not allowed: expected true or false',
            );
            expect(rejection("staging", { analytics: { enabled: true, storageGb: 200, maxStorageGb: 100 } })).to.equal(
                "Pulumi.staging.yaml: careplane:database.analytics.maxStorageGb = 100 is not allowed: expected more than storageGb (storage autoscaling grows up to this size)",
            );
        });

        it("an unknown analytics key", () => {
            expect(rejection("prod", { analytics: { enabled: true, readReplicas: 1 } })).to.equal(
                "Pulumi.prod.yaml: careplane:database.analytics.readReplicas = 1 is not allowed: unknown key; allowed keys: enabled, instanceClass, storageGb, maxStorageGb",
            );
        });

        it("accepts the analytics database with the environment's defaults", () => {
            const file = stackFile("dev", { "careplane:database": { analytics: { enabled: true } } });
            expect(parseStackConfig(file.config, file.file).database.analytics).to.include({
                enabled: true,
                instanceClass: "db.t4g.medium",
                storageGb: 20,
                maxStorageGb: 100,
            });
        });

        it("accepts a stricter stack: Multi-AZ and five replicas in dev", () => {
            const file = stackFile("dev", { "careplane:database": { multiAz: true, readReplicas: 5 } });
            expect(parseStackConfig(file.config, file.file).database).to.include({ multiAz: true, readReplicas: 5 });
        });
    });
});
