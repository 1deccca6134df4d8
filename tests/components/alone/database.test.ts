import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { Database } from "../../../components/data/database";
import { DatabaseConfig } from "../../../components/config/schema/database";
import { ACCOUNT, buildAlone, documentOf, keyArn, PARTITION } from "../../support/alone";

interface Options {
    stack?: string;
    changes?: Partial<DatabaseConfig>;
    services?: string[];
    analyst?: boolean;
    source?: string;
}

function database({ stack = "dev", changes = {}, services = ["api"], analyst = false, source }: Options) {
    return buildAlone((context, config) => {
        // Stands in for the analytics role people assume to log in as the analyst.
        const analytics = analyst ? new aws.iam.Role("analytics", { name: "stand-in-analytics", assumeRolePolicy: "{}" }) : undefined;
        new Database("database", {
            context,
            vpcId: "vpc-0123",
            subnetIds: ["subnet-data-a", "subnet-data-b"],
            availabilityZones: ["us-east-1a", "us-east-1b"],
            clientSecurityGroupIds: ["sg-postgres-clients"],
            services,
            dataKeyArn: keyArn("data"),
            secretsKeyArn: keyArn("secrets"),
            logsKeyArn: keyArn("logs"),
            accountId: ACCOUNT,
            partition: PARTITION,
            peopleRoles: { analyst: analytics },
            config: { ...config.database, ...changes },
            vpcCidr: "10.42.0.0/16",
            secrets: config.secrets,
            exporter: false,
            source,
        });
    }, stack);
}

type Built = Awaited<ReturnType<typeof database>>;
const instances = (built: Built) => built.ofType("aws:rds/instance:Instance");
const replicas = (built: Built) => instances(built).filter((i) => i.inputs.replicateSourceDb !== undefined);

describe("Database, built alone", () => {
    it("with a source, its primary is a cross-region replica of it under its own data key, with no master entry, roles or logins", async () => {
        const source = "arn:aws:rds:us-west-2:123456789012:db:caresync-prod-db";
        const built = await database({ source, services: ["api", "worker"], changes: { readReplicas: 1 } });
        const [primary, replica] = instances(built);
        expect(primary.inputs).to.deep.include({ replicateSourceDb: source, kmsKeyId: keyArn("data"), storageEncrypted: true });
        for (const key of ["username", "password", "dbName", "engine", "engineVersion", "allocatedStorage"]) {
            expect(primary.inputs[key], key).to.equal(undefined);
        }
        expect(primary.inputs.dbSubnetGroupName).to.be.a("string");
        expect(replica.inputs.replicateSourceDb).to.equal(primary.inputs.identifier);
        expect(built.ofType("aws:secretsmanager/secret:Secret")).to.deep.equal([]);
        expect(built.resources.filter((r) => r.type.startsWith("postgresql:") || r.type.startsWith("random:"))).to.deep.equal([]);
        // No rotation functions reach it: its security group admits the clients alone.
        expect(built.ofType("aws:ec2/securityGroup:SecurityGroup").map((g) => g.name)).to.deep.equal(["database"]);
        const without = await database({ services: ["api", "worker"] });
        expect(without.ofType("aws:secretsmanager/secret:Secret").length).to.be.greaterThan(0);
    });

    it("registers as many read replicas as its config slice asks, of the configured instance class", async () => {
        for (const readReplicas of [0, 2]) {
            const built = await database({ changes: { readReplicas, instanceClass: "db.r6g.xlarge" } });
            expect(replicas(built)).to.have.length(readReplicas);
            for (const i of instances(built)) expect(i.inputs.instanceClass, i.name).to.equal("db.r6g.xlarge");
        }
    });

    it("adds the analytics database when its config slice enables it", async () => {
        const built = await database({
            changes: { analytics: { enabled: true, instanceClass: "db.t4g.large", storageGb: 50, maxStorageGb: 100 } },
        });
        const analytics = instances(built).filter((i) => (i.inputs.tags as Record<string, string>).DatabaseRole === "analytics");
        expect(analytics).to.have.length(1);
        expect(analytics[0].inputs).to.include({ instanceClass: "db.t4g.large", allocatedStorage: 50 });
        expect(instances(await database({})).some((i) => (i.inputs.tags as Record<string, string>).DatabaseRole === "analytics")).to.equal(
            false,
        );
    });

    it("encrypts storage and Performance Insights with the data key, logs with the logs key, and admits the client group it is given", async () => {
        const built = await database({ changes: { readReplicas: 1 } });
        for (const i of instances(built)) {
            expect(i.inputs, i.name).to.include({
                storageEncrypted: true,
                kmsKeyId: keyArn("data"),
                performanceInsightsKmsKeyId: keyArn("data"),
                publiclyAccessible: false,
            });
        }
        for (const g of built.ofType("aws:cloudwatch/logGroup:LogGroup")) expect(g.inputs.kmsKeyId, g.name).to.equal(keyArn("logs"));
        const db = built.ofType("aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "database")!;
        expect((db.inputs.ingress as any[])[0].securityGroups).to.deep.equal(["sg-postgres-clients"]);
    });

    it("gives each service it is given its own login, and the analyst role it is given IAM login", async () => {
        const built = await database({ services: ["api", "billing-worker"], analyst: true });
        const logins = built.ofType("postgresql:index/role:Role").map((r) => r.inputs.name);
        expect(logins).to.include.members(["svc_api", "svc_billing_worker"]);
        const login = built.ofType("aws:iam/policy:Policy").find((p) => JSON.stringify(documentOf(p)).includes("rds-db:connect"))!;
        expect(JSON.stringify(documentOf(login))).to.match(/dbuser:[^"]+\/analyst/);
        const attachment = built
            .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .find((a) => a.inputs.role === "stand-in-analytics");
        expect(attachment, "the analyst's login policy on the role it was given").to.not.equal(undefined);
    });

    it("protects every instance in prod and backs the sources up by tag", async () => {
        const built = await database({ stack: "prod" });
        for (const i of instances(built)) expect(i.protect, i.name).to.equal(true);
        const primary = instances(built).find((i) => i.inputs.replicateSourceDb === undefined)!;
        expect(primary.inputs.tags).to.include({ Backup: "true", DataClassification: "phi", Environment: "prod" });
        expect(primary.inputs.deletionProtection).to.equal(true);
    });
});
