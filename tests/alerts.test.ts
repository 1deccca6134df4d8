import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { alertCatalog, severityLevels } from "../components/monitoring/alert-catalog";
import { ruleGroups, rulesFile } from "../components/monitoring/prometheus-rules";
import { alertFixtures } from "./support/alert-fixtures";
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
        ]);
        expect(new Set(names).size, "alert names are unique").to.equal(names.length);
        for (const alert of alertCatalog) {
            expect(alert.expr, alert.name).to.not.be.empty;
            expect(alert.for, alert.name).to.match(/^\d+[smh]$/);
            expect(alert.summary, alert.name).to.not.be.empty;
            expect(alert.description, alert.name).to.not.be.empty;
            expect(alert.sources, alert.name).to.not.be.empty;
        }
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

    it("only silences alerts that exist and rank no higher than the silencing one", () => {
        const rank = (name: string) => ["low", "medium", "high", "critical"].indexOf(alertCatalog.find((a) => a.name === name)!.severity);
        for (const alert of alertCatalog) {
            for (const target of alert.inhibits ?? []) {
                expect(
                    alertCatalog.map((a) => a.name),
                    `${alert.name} inhibits ${target}`,
                ).to.include(target);
                expect(rank(target), `${alert.name} inhibits ${target}`).to.be.at.most(rank(alert.name));
            }
        }
    });

    it("has a promtool fixture for every alert", () => {
        expect(alertFixtures.map((f) => f.alert)).to.have.members(alertCatalog.map((a) => a.name));
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

    it("gives every alert a runbook section where its runbook_url points", () => {
        const headings = [...docs("runbooks.md").matchAll(/^## (\S+)$/gm)].map((m) => m[1].toLowerCase());
        for (const group of ruleGroups("docs/runbooks.md")) {
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
