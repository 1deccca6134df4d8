import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ofType, ROOT } from "../support/engine";
import {
    alarms,
    alertingRule,
    backupRules,
    databaseInstances,
    examplePlan,
    logRetention,
    mandatoryViolations,
    secretEntries,
    theOne,
} from "./support";

// HealthBridge Namibia [seed 004].
const guide = {
    stacks: ["dev", "staging", "prod"],
    region: "af-south-1",
    logDays: 30,
    rotationDays: 90,
    // Daily full kept 30 days, hourly incremental kept 7; RPO 1 h.
    backups: { daily: 30, hourly: 7 },
    rpoHours: 1,
    // Monitoring & Alerting, "Alert Rules": critical = immediate response, high = 1 hour, medium = 4 hours.
    alerts: {
        high: { errorRatio: 0.01, p95Seconds: 1, cpuMemoryRatio: 0.8 },
        medium: { errorRatio: 0.005, diskRatio: 0.8 },
    },
};
/** The guide names PostgreSQL 14; careplane runs 16 (examples/healthbridge/README.md: 14 leaves RDS standard support in February 2027). */
const POSTGRES_MAJOR = "16";

describe("examples/healthbridge [seed 004]", () => {
    for (const stack of guide.stacks) {
        describe(stack, () => {
            const plan = () => examplePlan("healthbridge", stack);

            it("previews with zero mandatory violations", async () => {
                expect(await mandatoryViolations("healthbridge", await plan())).to.deep.equal([]);
            });

            it("keeps every subnet, and so every database and node, in af-south-1 (Cape Town)", async () => {
                const subnets = ofType(await plan(), "aws:ec2/subnet:Subnet");
                expect(subnets.length).to.be.greaterThan(0);
                for (const s of subnets) expect(String(s.inputs.availabilityZone)).to.match(new RegExp(`^${guide.region}[a-z]$`));
            });

            it(`runs PostgreSQL ${POSTGRES_MAJOR} and keeps every log group at least 30 days`, async () => {
                const p = await plan();
                const [primary] = databaseInstances(p, "primary");
                expect(String(primary.inputs.engineVersion).split(".")[0]).to.equal(POSTGRES_MAJOR);
                for (const [name, days] of Object.entries(logRetention(p))) expect(days, name).to.be.at.least(guide.logDays);
            });

            it("rotates every secret at least quarterly", async () => {
                const p = await plan();
                const rotations = ofType(p, "aws:secretsmanager/secretRotation:SecretRotation");
                // One per entry careplane generates (the master password's too); an issued one has an age alarm instead.
                const issued = ofType(p, "aws:secretsmanager/secret:Secret").filter((s) => (s.inputs.tags as any).Rotation === "partner");
                expect(rotations).to.have.length(secretEntries(p).length - issued.length);
                for (const s of issued) {
                    const alarm = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").find(
                        (a) => (a.inputs.dimensions as any)?.SecretName === s.inputs.name,
                    );
                    expect((alarm?.inputs.threshold as number) ?? Infinity, `${s.inputs.name}: its age alarm`).to.be.at.most(
                        guide.rotationDays,
                    );
                }
                for (const r of rotations) {
                    expect((r.inputs.rotationRules as { automaticallyAfterDays: number }).automaticallyAfterDays).to.be.at.most(
                        guide.rotationDays,
                    );
                }
            });

            it("backs up daily and keeps those points at least 30 days", async () => {
                const rules = backupRules(await plan());
                expect(rules.daily.schedule).to.equal("cron(0 5 ? * * *)");
                expect(rules.daily.lifecycle.deleteAfter).to.be.at.least(guide.backups.daily);
            });

            it("can restore the database to any point of the last 7 days at least (the guide's hourly incrementals)", async () => {
                const p = await plan();
                const [primary] = databaseInstances(p, "primary");
                // RDS ships the transaction logs every 5 minutes while automated backups are on, and restores to any
                // second of their retention; in prod AWS Backup's continuous rule owns them for as long.
                expect(primary.inputs.backupRetentionPeriod as number).to.be.at.least(guide.backups.hourly);
                const continuous = Object.values(backupRules(p)).filter((r) => r.enableContinuousBackup);
                for (const rule of continuous) expect(rule.lifecycle.deleteAfter).to.equal(primary.inputs.backupRetentionPeriod);
                expect(continuous.length).to.equal(stack === "prod" ? 1 : 0);
            });

            it("pages on payment processing failures (critical) [004], read from payment_attempts_total as the README documents", async () => {
                const rule = alertingRule(await plan(), "PaymentProcessingFailures");
                expect(rule.labels).to.include({ severity: "critical", priority: "P1" });
                expect(rule.expr).to.contain('payment_attempts_total{outcome="failed"}');
                const readme = fs.readFileSync(path.join(ROOT, "examples", "healthbridge", "README.md"), "utf8");
                expect(readme).to.contain('payment_attempts_total{outcome="succeeded|declined|failed"}');
            });

            it("alerts on the guide's list at its severities and figures: downtime, database failures, error rate, p95, CPU, memory, disk, deployments", async () => {
                const p = await plan();
                const at = (alert: string, severity: string) => {
                    const rule = alertingRule(p, alert);
                    expect(rule.labels.severity, alert).to.equal(severity);
                    return rule.expr;
                };
                const threshold = (expr: string) => Number(/>\s*([0-9.]+)\s*$/.exec(expr)?.[1]);
                // Critical: system downtime, database connection failures.
                expect(at("ApiDown", "critical")).to.match(/^up\{.*\} == 0$/);
                expect(at("DatabaseDown", "critical")).to.contain("database_connections_active");
                // High: error rate > 1 %, p95 > 1 s, CPU and memory > 80 %, failed deployments.
                expect(threshold(at("ElevatedErrorRate", "high"))).to.equal(guide.alerts.high.errorRatio);
                expect(at("ElevatedResponseTime", "high")).to.contain("histogram_quantile(0.95");
                expect(threshold(at("ElevatedResponseTime", "high"))).to.equal(guide.alerts.high.p95Seconds);
                expect(threshold(at("HighCpu", "high"))).to.equal(guide.alerts.high.cpuMemoryRatio);
                expect(threshold(at("HighMemory", "high"))).to.equal(guide.alerts.high.cpuMemoryRatio);
                expect(at("DeploymentFailed", "high")).to.contain('condition="Progressing", status="false"');
                // Medium: moderate error rate (0.5–1 %), disk above 80 % on the nodes and on the database.
                expect(threshold(at("ModerateErrorRate", "medium"))).to.equal(guide.alerts.medium.errorRatio);
                expect(threshold(at("DiskSpaceHigh", "medium"))).to.equal(guide.alerts.medium.diskRatio);
                const [primary] = databaseInstances(p, "primary");
                const freeStorage = alarms(p).find(
                    (a) => a.metricName === "FreeStorageSpace" && a.dimensions.DBInstanceIdentifier === primary.inputs.identifier,
                );
                const allocatedBytes = (primary.inputs.allocatedStorage as number) * 2 ** 30;
                expect(freeStorage?.comparisonOperator).to.equal("LessThanThreshold");
                expect(freeStorage?.threshold).to.be.closeTo((1 - guide.alerts.medium.diskRatio) * allocatedBytes, 1);
            });

            it("puts the load balancer behind WAF", async () => {
                const p = await plan();
                const acl = ofType(p, "aws:wafv2/webAcl:WebAcl").find((a) => a.inputs.scope === "REGIONAL")!;
                const ingress = theOne(p, "kubernetes:networking.k8s.io/v1:Ingress");
                const annotations = (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations;
                expect(annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"]).to.include(acl.name);
            });
        });
    }

    it("dev: its nodes stop outside business hours in Windhoek's time, where the team works, not the profile's New York", async () => {
        const schedules = ofType(await examplePlan("healthbridge", "dev"), "aws:scheduler/schedule:Schedule");
        expect(schedules.length).to.be.greaterThan(0);
        for (const s of schedules) expect(s.inputs.scheduleExpressionTimezone).to.equal("Africa/Windhoek");
    });

    it("prod: hourly incremental points kept at least 7 days and continuous backup, so the 1 h RPO holds", async () => {
        const rules = backupRules(await examplePlan("healthbridge", "prod"));
        expect(rules.hourly.schedule).to.equal(`cron(0 0/${guide.rpoHours} ? * * *)`);
        // Continuous backup keeps every point in time, as long as the database's automated backups (35 days).
        expect(rules.hourly.lifecycle.deleteAfter).to.be.at.least(guide.backups.hourly);
        expect(rules.hourly.enableContinuousBackup).to.equal(true);
        expect(rules.daily.lifecycle.deleteAfter).to.equal(guide.backups.daily);
    });
});
