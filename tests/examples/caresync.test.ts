import { expect } from "chai";
import { RDS_MAX_BACKUP_RETENTION_DAYS } from "../../components/config/schema/database";
import { mockArn } from "../../tools/engine/mocks";
import { ofType } from "../support/engine";
import { selects, tagsOf } from "../support/resources";
import {
    alarms,
    alertNamespaces,
    backupRules,
    databaseInstances,
    examplePlan,
    hpaRanges,
    hpaTargets,
    mandatoryViolations,
    secretEntries,
    theOne,
} from "./support";

// CareSync HMS [seed 000]: what its deployment guide asks for.
const guide = {
    stacks: ["dev", "test", "staging", "prod"],
    tiers: ["web", "api", "worker"],
    hpa: { min: 3, max: 20, cpu: 70, memory: 80 },
    readReplicas: 3,
    backupDays: { dev: 30, test: 90, staging: 90, prod: 7 * 365 } as Record<string, number>,
    secrets: ["database", "jwt"],
    buckets: ["documents", "images", "backups"],
    alerts: ["HighErrorRate", "DatabaseDown", "SlowResponseTime"],
    drRegion: "us-west-2",
    /** "Analytics Database (Optional)": prod runs one, on the current generation of the guide's db.r5.large. */
    analyticsDatabase: { stacks: ["prod"], instanceClass: "db.r6g.large" },
};

describe("examples/caresync [seed 000]", () => {
    for (const stack of guide.stacks) {
        describe(stack, () => {
            it("previews with zero mandatory violations", async () => {
                expect(await mandatoryViolations("caresync", await examplePlan("caresync", stack))).to.deep.equal([]);
            });

            it("runs web, api and worker Deployments, each with the guide's HPA (3–20 on cpu 70 / memory 80)", async () => {
                const plan = await examplePlan("caresync", stack);
                const deployments = ofType(plan, "kubernetes:apps/v1:Deployment").map((d) => (d.inputs.metadata as { name: string }).name);
                expect(deployments.sort()).to.deep.equal([...guide.tiers].sort());
                const ranges = hpaRanges(plan);
                for (const tier of guide.tiers) expect(ranges[tier], tier).to.deep.equal({ min: guide.hpa.min, max: guide.hpa.max });
                for (const h of ofType(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")) {
                    expect(hpaTargets(h)).to.deep.equal({ cpu: guide.hpa.cpu, memory: guide.hpa.memory });
                }
            });

            it("keeps PostgreSQL's automated backups as long as RDS allows up to the guide's retention", async () => {
                const primary = databaseInstances(await examplePlan("caresync", stack), "primary");
                expect(primary).to.have.length(1);
                expect(primary[0].inputs.backupRetentionPeriod).to.equal(Math.min(guide.backupDays[stack], RDS_MAX_BACKUP_RETENTION_DAYS));
            });

            it(`${guide.analyticsDatabase.stacks.includes(stack) ? "runs a" : "has no"} separate analytics database`, async () => {
                const analytics = databaseInstances(await examplePlan("caresync", stack), "analytics");
                expect(analytics).to.have.length(guide.analyticsDatabase.stacks.includes(stack) ? 1 : 0);
            });

            it("has Redis for sessions, cache and queues, and the guide's Secrets Manager entries", async () => {
                const plan = await examplePlan("caresync", stack);
                expect(theOne(plan, "aws:elasticache/replicationGroup:ReplicationGroup").inputs.engine).to.equal("redis");
                // [000] names caresync/prod/database; each service reads its own login there, under its name.
                const entries = secretEntries(plan);
                for (const secret of guide.secrets) {
                    expect(
                        entries.filter((e) => e === secret || e.endsWith(`/${secret}`)),
                        secret,
                    ).to.not.be.empty;
                }
                for (const tier of ["api", "worker"]) expect(entries).to.include(`${tier}/database`);
            });
        });
    }

    it("prod: S3 for documents, images and backups; backups copied to the DR region; hourly, daily and 7-year recovery points", async () => {
        const plan = await examplePlan("caresync", "prod");
        const buckets = ofType(plan, "aws:s3/bucket:Bucket").map((b) => String(b.inputs.bucket));
        for (const purpose of guide.buckets) expect(buckets).to.include(`caresync-prod-${purpose}-123456789012`);
        const rules = backupRules(plan);
        expect(rules.hourly.schedule).to.equal("cron(0 0/1 ? * * *)");
        expect(rules.hourly.enableContinuousBackup).to.equal(true);
        expect(Math.max(...Object.values(rules).map((r) => r.lifecycle.deleteAfter))).to.be.at.least(guide.backupDays.prod);
        for (const rule of Object.values(rules)) {
            expect(rule.copyActions?.[0].destinationVaultArn, rule.ruleName).to.match(new RegExp(`^arn:aws:backup:${guide.drRegion}:`));
        }
    });

    it("prod: its guide's alert rules run beside the services", async () => {
        const namespaces = alertNamespaces(await examplePlan("caresync", "prod"));
        for (const alert of guide.alerts) expect(namespaces[alert], alert).to.equal("caresync-prod");
    });

    it("prod: a Multi-AZ primary with 3 read replicas, deletion protection on", async () => {
        const plan = await examplePlan("caresync", "prod");
        const [primary] = databaseInstances(plan, "primary");
        expect(primary.inputs.multiAz).to.equal(true);
        expect(primary.inputs.deletionProtection).to.equal(true);
        expect(databaseInstances(plan, "replica")).to.have.length(guide.readReplicas);
    });

    it("prod: the analytics database is its own encrypted, Multi-AZ PostgreSQL, protected, backed up and alarmed", async () => {
        const plan = await examplePlan("caresync", "prod");
        const [analytics] = databaseInstances(plan, "analytics");
        const dataKey = ofType(plan, "aws:kms/key:Key").find((k) => tagsOf(k).KeyClass === "data")!;
        expect(analytics.inputs).to.include({
            engine: "postgres",
            instanceClass: guide.analyticsDatabase.instanceClass,
            storageEncrypted: true,
            kmsKeyId: mockArn(dataKey.type, dataKey.name),
            multiAz: true,
            deletionProtection: true,
            skipFinalSnapshot: false,
            publiclyAccessible: false,
        });
        expect(analytics.inputs).not.to.have.property("replicateSourceDb");
        expect(analytics.protect).to.equal(true);
        expect(tagsOf(analytics).DataClassification).to.equal("phi");
        expect(selects(theOne(plan, "aws:backup/selection:Selection"), tagsOf(analytics))).to.equal(true);
        const watched = alarms(plan).filter((a) => a.dimensions.DBInstanceIdentifier === analytics.inputs.identifier);
        expect(watched.map((a) => a.metricName)).to.have.members(["CPUUtilization", "DatabaseConnections", "FreeStorageSpace"]);
    });
});
