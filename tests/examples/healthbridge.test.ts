import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ofType, ROOT } from "../support/engine";
import {
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

            it("pages on payment processing failures (critical) [004], read from payment_attempts_total as the README documents", async () => {
                const rule = alertingRule(await plan(), "PaymentProcessingFailures");
                expect(rule.labels).to.include({ severity: "critical", priority: "P1" });
                expect(rule.expr).to.contain('payment_attempts_total{outcome="failed"}');
                const readme = fs.readFileSync(path.join(ROOT, "examples", "healthbridge", "README.md"), "utf8");
                expect(readme).to.contain('payment_attempts_total{outcome="succeeded|declined|failed"}');
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

    it("prod: hourly incremental points kept at least 7 days and continuous backup, so the 1 h RPO holds", async () => {
        const rules = backupRules(await examplePlan("healthbridge", "prod"));
        expect(rules.hourly.schedule).to.equal(`cron(0 0/${guide.rpoHours} ? * * *)`);
        // Continuous backup keeps every point in time, as long as the database's automated backups (35 days).
        expect(rules.hourly.lifecycle.deleteAfter).to.be.at.least(guide.backups.hourly);
        expect(rules.hourly.enableContinuousBackup).to.equal(true);
        expect(rules.daily.lifecycle.deleteAfter).to.equal(guide.backups.daily);
    });
});
