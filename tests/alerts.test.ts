import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { alertCatalog, severityLevels } from "../components/monitoring/alert-catalog";
import { ruleGroups, rulesFile } from "../components/monitoring/prometheus-rules";
import { stackAlerts, targetAlerts } from "../components/monitoring/alert-targets";
import { alertFixtures, omnicareTargets, targetAlertFixtures } from "./support/alert-fixtures";
import { promtool, scratchDir } from "./support/promtool";

const RUNBOOKS = "https://runbooks.example/careplane";

describe("alert catalog", () => {
    it("holds the seeds' alerts, each with expression, for, severity, summary, description, runbook and a seed source", () => {
        const names = alertCatalog.map((a) => a.name);
        expect(names).to.include.members([
            "HighErrorRate",
            "DatabaseDown",
            "SlowResponseTime",
            "ApiDown",
            "DatabaseConnectionPoolExhausted",
            "HighCpu",
            "HighMemory",
            "DiskSpaceHigh",
            "CertificateExpiry",
            "ReplicationLag",
            "RedisMemoryHigh",
            "HighProvisioningFailureRate",
            "ProvisioningQueueBacklog",
            "FailedAuthenticationSpike",
            "AuditLogGap",
            "ServerErrorRate",
            "PostgresLockContention",
            "PostgresDeadlocks",
            "PaymentProcessingFailures",
        ]);
        expect(new Set(names).size, "alert names are unique").to.equal(names.length);
        for (const alert of alertCatalog) {
            expect(alert.expr, alert.name).to.not.be.empty;
            expect(alert.for, alert.name).to.match(/^\d+[smh]$/);
            expect(alert.summary, alert.name).to.not.be.empty;
            expect(alert.description, alert.name).to.not.be.empty;
            expect(alert.sources, alert.name).to.not.be.empty;
            expect(["devops", "dba", "security"], alert.name).to.include(alert.team);
        }
    });

    it("gives database alerts to the DBA team and the HIPAA sign-in and audit alerts to security [002, 003]", () => {
        const team = (name: string) => alertCatalog.find((a) => a.name === name)!.team;
        for (const name of ["DatabaseConnectionPoolExhausted", "ReplicationLag", "PostgresLockContention", "PostgresDeadlocks"])
            expect(team(name), name).to.equal("dba");
        for (const name of ["FailedAuthenticationSpike", "AuditLogGap"]) expect(team(name), name).to.equal("security");
        expect(team("ApiDown")).to.equal("devops");
    });

    it("maps critical/high/medium/low to P1–P4 [001] with the response times of [002]", () => {
        expect(severityLevels.critical).to.include({ priority: "P1", responseTime: "5m" });
        expect(severityLevels.high).to.include({ priority: "P2", responseTime: "30m" });
        expect(severityLevels.medium).to.include({ priority: "P3", responseTime: "1h" });
        expect(severityLevels.low).to.include({ priority: "P4", responseTime: "24h" });
    });

    it("routes critical to PagerDuty, Slack and email, high to Slack and email, medium to Slack [001]", () => {
        expect(severityLevels.critical.channels).to.have.members(["pagerduty", "slack", "email"]);
        expect(severityLevels.high.channels).to.have.members(["slack", "email"]);
        expect(severityLevels.medium.channels).to.have.members(["slack"]);
    });

    it("only silences alerts that exist and rank no higher than the silencing one (with and without targets)", () => {
        for (const alerts of [alertCatalog, stackAlerts(omnicareTargets)]) {
            const rank = (name: string) => ["low", "medium", "high", "critical"].indexOf(alerts.find((a) => a.name === name)!.severity);
            for (const alert of alerts) {
                for (const target of alert.inhibits ?? []) {
                    expect(
                        alerts.map((a) => a.name),
                        `${alert.name} inhibits ${target}`,
                    ).to.include(target);
                    expect(rank(target), `${alert.name} inhibits ${target}`).to.be.at.most(rank(alert.name));
                }
            }
        }
    });

    it("has a promtool fixture for every alert", () => {
        expect(alertFixtures.map((f) => f.alert)).to.have.members(alertCatalog.map((a) => a.name));
    });
});

describe("alerts at a stack's own targets [002]", () => {
    const alerts = stackAlerts(omnicareTargets);
    const named = (name: string) => alerts.find((a) => a.name === name)!;

    it("adds one P3 alert per target set, and none without targets", () => {
        expect(targetAlerts(omnicareTargets).map((a) => [a.name, a.severity, a.team])).to.deep.equal([
            ["ApiLatencyAboveTarget", "medium", "devops"],
            ["DatabaseQueryLatencyAboveTarget", "medium", "dba"],
            ["ErrorRateAboveTarget", "medium", "devops"],
        ]);
        expect(targetAlerts({ dbQueryP95Ms: 100 }).map((a) => a.name)).to.deep.equal(["DatabaseQueryLatencyAboveTarget"]);
        expect(stackAlerts({})).to.deep.equal([...alertCatalog]);
    });

    it("is silenced while the catalog's lowest tier of its signal fires", () => {
        expect(named("ElevatedResponseTime").inhibits).to.include("ApiLatencyAboveTarget");
        expect(named("ModerateErrorRate").inhibits).to.include("ErrorRateAboveTarget");
        expect(
            alerts.filter((a) => a.inhibits?.includes("DatabaseQueryLatencyAboveTarget")),
            "no catalog tier reads query time",
        ).to.deep.equal([]);
        expect(alertCatalog.find((a) => a.name === "ModerateErrorRate")!.inhibits, "the catalog itself is left alone").to.equal(undefined);
    });

    it("has a promtool fixture for every target alert", () => {
        expect(targetAlertFixtures.map((f) => f.alert)).to.have.members(targetAlerts(omnicareTargets).map((a) => a.name));
    });

    it("renders rules `promtool check rules` accepts", () => {
        const dir = scratchDir();
        try {
            const file = path.join(dir, "rules.yaml");
            fs.writeFileSync(file, rulesFile(ruleGroups(RUNBOOKS, alerts)));
            const result = promtool("check", "rules", file);
            expect(result.ok, result.output).to.equal(true);
            expect(result.output).to.contain(`SUCCESS: ${alertCatalog.length + 3} rules found`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("the rendered catalog under promtool", () => {
    let dir: string;
    let rules: string;

    before(() => {
        dir = scratchDir();
        rules = path.join(dir, "rules.yaml");
        fs.writeFileSync(rules, rulesFile(ruleGroups(RUNBOOKS)));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("`promtool check rules` accepts the rendered catalog", () => {
        const result = promtool("check", "rules", rules);
        expect(result.ok, result.output).to.equal(true);
        expect(result.output).to.contain(`SUCCESS: ${alertCatalog.length} rules found`);
    });
});

describe("monitoring documentation", () => {
    const docs = (file: string) => fs.readFileSync(path.resolve(__dirname, "../docs", file), "utf8");

    it("gives every alert (target alerts too) a runbook section where its runbook_url points", () => {
        const headings = [...docs("runbooks.md").matchAll(/^## (\S+)$/gm)].map((m) => m[1].toLowerCase());
        for (const group of ruleGroups("docs/runbooks.md", stackAlerts(omnicareTargets))) {
            for (const rule of group.rules) expect(headings, rule.alert).to.include(rule.annotations.runbook_url.split("#")[1]);
        }
    });

    it("lists every alert in the catalog table with its severity, threshold and seed sources", () => {
        const rows = docs("monitoring.md")
            .split("\n")
            .filter((line) => line.startsWith("|"))
            .map((line) =>
                line
                    .split("|")
                    .slice(1, -1)
                    .map((cell) => cell.trim()),
            );
        for (const alert of alertCatalog) {
            const row = rows.find((cells) => cells[0] === alert.name);
            expect(row, alert.name).to.not.equal(undefined);
            expect(row!.slice(1, 3), alert.name).to.deep.equal([
                `${severityLevels[alert.severity].priority} ${alert.severity}`,
                alert.threshold,
            ]);
            expect(row![4], alert.name).to.equal(alert.sources.join(", "));
        }
    });
});
