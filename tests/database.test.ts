import { expect } from "chai";
import { parseStackConfig } from "../components/config";
import { profiles } from "../components/profiles";
import { mockArn } from "../tools/engine/mocks";
import { Plan } from "../tools/engine/plan";
import { byName, dataSubnetIds, EVERYTHING_ON, keyArn, rejection as rejectionOf, tagsOf } from "./support/data-tier";
import { ofType, planOf, stackFile, STACKS, violationsOf } from "./support/engine";

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
                const primary = primaryOf(plan);
                expect(primary.inputs.manageMasterUserPassword).to.equal(true);
                expect(primary.inputs.masterUserSecretKmsKeyId).to.equal(keyArn(plan, "secrets"));
                expect(primary.inputs).not.to.have.property("password");
            });

            it("admits 5432 only from the application tier's security group, and is never public", async () => {
                const plan = await planOf(stack);
                const appSg = byName(plan, "aws:ec2/securityGroup:SecurityGroup", "network-app");
                const dbSg = byName(plan, "aws:ec2/securityGroup:SecurityGroup", "database");
                expect(dbSg.inputs.ingress).to.deep.equal([
                    {
                        protocol: "tcp",
                        fromPort: 5432,
                        toPort: 5432,
                        securityGroups: [`${appSg.name}-id`],
                        description: "PostgreSQL from the application tier",
                    },
                ]);
                expect(dbSg.dependencies).to.include(appSg.urn);
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
                    expect(instance.inputs.monitoringRoleArn).to.equal(mockArn(role.type, role.name));
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

            it("rotates the RDS-managed master secret every 90 days, without a rotation function", async () => {
                const rotation = byName(await planOf(stack), "aws:secretsmanager/secretRotation:SecretRotation", "database-master");
                expect(rotation.inputs.rotationRules).to.deep.equal({ automaticallyAfterDays: 90 });
                expect(rotation.inputs).not.to.have.property("rotationLambdaArn");
            });

            it("leaves PostgreSQL roles alone unless the stack opts in", async () => {
                expect((await planOf(stack)).resources.filter((r) => r.type.startsWith("postgresql:"))).to.deep.equal([]);
            });
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

    describe("roles, when a stack opts in", () => {
        const overrides = EVERYTHING_ON; // roles through a tunnel on localhost:15432
        const postgres = async () => (await planOf("prod", overrides)).resources.filter((r) => r.type.startsWith("postgresql:"));

        it("connects through the configured tunnel with the master password from Secrets Manager, masked", async () => {
            const plan = await planOf("prod", overrides);
            const [provider] = ofType(plan, "pulumi:providers:postgresql");
            expect(provider.inputs).to.include({ host: "localhost", port: "15432", sslmode: "require", password: "[secret]" });
            for (const r of await postgres()) if (r.custom) expect(r.provider, r.name).to.equal(provider.urn);
        });

        it("creates the app, analytics and migration logins with masked generated passwords", async () => {
            const roles = (await postgres()).filter((r) => r.type === "postgresql:index/role:Role" && r.inputs.login === true);
            expect(roles.map((r) => r.inputs.name)).to.have.members(["app_rw", "analytics_ro", "migration_owner"]);
            for (const role of roles) expect(role.inputs.password).to.equal("[secret]");
        });

        it("gives the migration role the schema, the app read-write and analytics read-only on it", async () => {
            const rs = await postgres();
            expect(rs.find((r) => r.type === "postgresql:index/schema:Schema")!.inputs).to.include({
                name: "app",
                owner: "migration_owner",
            });
            const privileges = (role: string, objectType: string) =>
                rs.filter((r) => r.inputs.role === role && r.inputs.objectType === objectType).map((r) => r.inputs.privileges as string[]);
            for (const granted of privileges("app_rw", "table")) expect(granted).to.have.members(["SELECT", "INSERT", "UPDATE", "DELETE"]);
            for (const granted of privileges("analytics_ro", "table")) expect(granted).to.deep.equal(["SELECT"]);
            expect(privileges("analytics_ro", "table")).to.have.length(2); // existing and future tables
        });

        it("still previews with zero mandatory violations", async () => {
            const violations = await violationsOf(await planOf("prod", overrides));
            expect(violations.filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
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

        it("accepts a stricter stack: Multi-AZ and five replicas in dev", () => {
            const file = stackFile("dev", { "careplane:database": { multiAz: true, readReplicas: 5 } });
            expect(parseStackConfig(file.config, file.file).database).to.include({ multiAz: true, readReplicas: 5 });
        });
    });
});
