import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { backupSchemeTable, schemes, steadyState } from "../../tools/report/backup-scheme";
import { DOC, renderDoc } from "../../tools/report/examples-doc";
import { ofType, ROOT } from "../support/engine";
import { databaseInstances, examplePlan, theOne } from "./support";

// CareSync HMS [seed 000]: Maintenance Windows, the prod module's database class, the backup scheme.
const guide = {
    stacks: ["dev", "test", "staging", "prod"],
    /** "Weekly: Security patches and minor updates (Sundays 2-4 AM)", announced as "Sunday 2-4 AM EST". */
    weekly: { day: "sun", from: 2, to: 4, utcOffsetHours: -5 },
    /** "Monthly: Major updates and database maintenance (1st Sunday 1-6 AM)". */
    monthly: { week: 1, day: "SUN", from: 1, to: 6 },
    timezone: "America/New_York",
    databaseClass: "db.r5.large",
};

/** EC2-family sizes of the classes involved (vCPUs, GiB): the RDS instance-class table. */
const classSizes: Record<string, { vcpu: number; gib: number }> = {
    "db.r5.large": { vcpu: 2, gib: 16 },
    "db.r6g.large": { vcpu: 2, gib: 16 },
};

const two = (n: number) => String(n).padStart(2, "0");
/** A local weekly window in the `ddd:hh:mm-ddd:hh:mm` UTC form RDS and ElastiCache take (no day wrap in this guide's hours). */
function utcWindow(w: typeof guide.weekly): string {
    const from = w.from - w.utcOffsetHours;
    const to = w.to - w.utcOffsetHours;
    return `${w.day}:${two(from)}:00-${w.day}:${two(to)}:00`;
}

describe("examples/caresync maintenance windows [seed 000]", () => {
    for (const stack of guide.stacks) {
        it(`${stack}: the database and the cache take "Sunday 2-4 AM EST" as ${utcWindow(guide.weekly)} UTC`, async () => {
            const plan = await examplePlan("caresync", stack);
            const instances = ofType(plan, "aws:rds/instance:Instance");
            expect(instances.length).to.be.greaterThan(0);
            for (const db of instances) expect(db.inputs.maintenanceWindow, db.name).to.equal(utcWindow(guide.weekly));
            const cache = theOne(plan, "aws:elasticache/replicationGroup:ReplicationGroup");
            expect(cache.inputs.maintenanceWindow).to.equal(utcWindow(guide.weekly));
        });

        it(`${stack}: the weekly and the monthly (1st Sunday 1-6 AM) windows are SSM maintenance windows in New York time`, async () => {
            const windows = ofType(await examplePlan("caresync", stack), "aws:ssm/maintenanceWindow:MaintenanceWindow").map(
                (w) => w.inputs,
            );
            const weekly = windows.find((w) => w.schedule === `cron(0 ${guide.weekly.from} ? * ${guide.weekly.day.toUpperCase()} *)`);
            const monthly = windows.find(
                (w) => w.schedule === `cron(0 ${guide.monthly.from} ? * ${guide.monthly.day}#${guide.monthly.week} *)`,
            );
            expect(weekly, "weekly window").to.include({ duration: guide.weekly.to - guide.weekly.from, scheduleTimezone: guide.timezone });
            expect(monthly, "monthly window").to.include({
                duration: guide.monthly.to - guide.monthly.from,
                scheduleTimezone: guide.timezone,
            });
            for (const w of windows) {
                expect(w.cutoff, "no new task starts in a window's last hour").to.equal(1);
                expect(w.allowUnassociatedTargets).to.equal(false);
            }
        });
    }
});

describe("examples/caresync prod database class [seed 000: db.r5.large]", () => {
    it("runs the primary and its replicas on a class of the guide's size (vCPUs and memory)", async () => {
        const plan = await examplePlan("caresync", "prod");
        for (const db of [...databaseInstances(plan, "primary"), ...databaseInstances(plan, "replica")]) {
            expect(classSizes[String(db.inputs.instanceClass)], db.name).to.deep.equal(classSizes[guide.databaseClass]);
        }
    });
});

describe("examples/caresync backups: daily points for 7 years, or daily / monthly / yearly [seed 000]", () => {
    it("docs/examples.md carries the current comparison (npm run docs:examples)", () => {
        const doc = fs.readFileSync(DOC, "utf8");
        expect(renderDoc(doc)).to.equal(doc);
        expect(doc).to.include(backupSchemeTable());
    });

    it("compares prod's own backup rules with the literal reading, which keeps far more points and storage", () => {
        const { careplane, dailyForSevenYears } = schemes();
        const ours = steadyState(careplane);
        const literal = steadyState(dailyForSevenYears);
        // Both reach back 7 years; ours keeps 30 daily + 12 monthly + 7 yearly points, less the days that are several at once.
        expect(ours.oldestDays).to.equal(literal.oldestDays);
        expect(ours.points).to.be.within(30 + 12 + 7 - 3, 30 + 12 + 7);
        expect(literal.points).to.equal(dailyForSevenYears[0].deleteAfterDays);
        expect(literal.storedGb).to.be.greaterThan(3 * ours.storedGb);
    });

    it("the prod plan's rules are the ones compared", async () => {
        const rules = theOne(await examplePlan("caresync", "prod"), "aws:backup/plan:Plan").inputs.rules as Array<{
            ruleName: string;
            schedule: string;
            lifecycle: { deleteAfter: number };
        }>;
        const planned = rules.map((r) => [r.ruleName, r.schedule, r.lifecycle.deleteAfter]);
        expect(planned).to.deep.equal(schemes().careplane.map((r) => [r.ruleName, r.schedule, r.deleteAfterDays]));
    });
});

describe("tools/staging-refresh/refresh.sh [seed 000: staging and test on anonymized prod data; 001: staging on an anonymized subset]", () => {
    const script = path.join(ROOT, "tools", "staging-refresh", "refresh.sh");

    it("is valid bash", () => {
        execFileSync("bash", ["-n", script]);
    });

    it("names the instances, the entries and the keys the plans create, for every system and target it serves", async () => {
        const text = fs.readFileSync(script, "utf8");
        type Plan = Awaited<ReturnType<typeof examplePlan>>;
        const ids = (plan: Plan) => ofType(plan, "aws:rds/instance:Instance").map((r) => r.inputs.identifier);
        const secrets = (plan: Plan) => ofType(plan, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name);
        const aliases = (plan: Plan) => ofType(plan, "aws:kms/alias:Alias").map((a) => a.inputs.name);
        // CareSync refreshes staging and test [000]; AROCORD (app hims) its staging [001].
        for (const [system, app, targets] of [
            ["caresync", "caresync", ["staging", "test"]],
            ["arocord", "hims", ["staging"]],
        ] as Array<[string, string, string[]]>) {
            const named = (template: string, env = "") => template.replace("${app}", app).replace("${env}", env).replace(/"/g, "");
            const prod = await examplePlan(system, "prod");
            const checks: Array<[string, unknown[], string?]> = [
                ['"${app}-prod-db"', ids(prod)],
                ['"${app}/prod/database-migration"', secrets(prod)],
            ];
            for (const env of targets) {
                const target = await examplePlan(system, env);
                checks.push(
                    ['"${app}-${env}-db"', ids(target), env],
                    ['"${app}/${env}/database-master"', secrets(target), env],
                    ['"alias/${app}-${env}-data"', aliases(target), env],
                );
            }
            for (const [template, found, env] of checks) {
                expect(text, template).to.include(template);
                expect(found, `${system} ${template}`).to.include(named(template, env));
            }
        }
    });

    it("shares under the key the prod stack exports (careplane:dataRefresh)", () => {
        expect(fs.readFileSync(script, "utf8")).to.include("pulumi stack output dataRefreshKeyArn --stack prod");
        expect(fs.readFileSync(path.join(ROOT, "components", "platform.ts"), "utf8")).to.match(/dataRefreshKeyArn: dataRefresh\.arn/);
    });
});
