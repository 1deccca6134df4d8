import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { Plan, PlannedResource } from "../tools/engine/plan";
import { ofType, planOf } from "./support/engine";
import { alertingRule, examplePlan } from "./examples/support";
import { promtool, scratchDir } from "./support/promtool";

// OmniCare's guide [002, Monitoring Verification]: "Check Grafana dashboards: SLA metrics (availability, response
// time, error rate), Resource utilization, Database performance", against p95 API latency < 200 ms, p95 database
// query time < 100 ms and an error rate < 0.1 %. Prod's availability target is 99.9 % [000].
const guide = { apiP95Seconds: 0.2, dbQueryP95Seconds: 0.1, errorRatio: 0.001, availability: 0.999 };

interface Model {
    uid: string;
    title: string;
    templating: { list: Array<{ name: string; type: string; query: string }> };
    panels: Array<{
        id: number;
        title: string;
        datasource: { uid: string };
        gridPos: { x: number; w: number };
        fieldConfig: { defaults: { thresholds: { steps: Array<{ color: string; value: number | null }> } } };
        targets: Array<{ expr: string; datasource: { uid: string } }>;
    }>;
}

const dashboardMaps = (p: Plan) =>
    ofType(p, "kubernetes:core/v1:ConfigMap").filter((c) => (c.inputs.metadata as any).labels?.grafana_dashboard !== undefined);
const modelOf = (c: PlannedResource): Model => JSON.parse(Object.values(c.inputs.data as Record<string, string>)[0]);
const grafanaValues = (p: Plan) =>
    (ofType(p, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "kube-prometheus-stack")!.inputs.values as any).grafana;

/** Where a panel turns red: above the figure (green, then red), or below it (red, then green). */
function redAt(panel: Model["panels"][number]): { above?: number; below?: number } {
    const [first, second] = panel.fieldConfig.defaults.thresholds.steps;
    if (!second) return {};
    return first.color === "green" ? { above: second.value! } : { below: second.value! };
}

describe("Grafana dashboards [002, 004]", () => {
    let omnicare: Plan;
    let models: Model[];
    const dashboard = (title: RegExp) => models.find((m) => title.test(m.title))!;
    const panel = (m: Model, title: RegExp) => m.panels.find((p) => title.test(p.title))!;

    before(async () => {
        omnicare = await examplePlan("omnicare", "prod");
        models = dashboardMaps(omnicare).map(modelOf);
    });

    it("loads the guide's three dashboards (SLA, resource utilization, database performance) where Grafana's sidecar looks", () => {
        expect(models.map((m) => m.title)).to.have.length(3);
        for (const title of [/^SLA/, /utilization/i, /^Database performance/])
            expect(dashboard(title), String(title)).to.not.equal(undefined);
        const sidecar = grafanaValues(omnicare).sidecar.dashboards;
        for (const c of dashboardMaps(omnicare)) {
            const metadata = c.inputs.metadata as { namespace: string; labels: Record<string, string> };
            expect(sidecar.searchNamespace).to.include(metadata.namespace);
            expect(metadata.labels[sidecar.label]).to.equal(sidecar.labelValue);
        }
    });

    it("shows availability, response time and error rate against the guide's targets and prod's 99.9 %", () => {
        const sla = dashboard(/^SLA/);
        expect(redAt(panel(sla, /^Availability/)).below).to.equal(guide.availability);
        expect(redAt(panel(sla, /^Response time/)).above).to.equal(guide.apiP95Seconds);
        expect(redAt(panel(sla, /^5xx error rate/)).above).to.equal(guide.errorRatio);
        expect(redAt(panel(dashboard(/^Database/), /^Query time p95/)).above).to.equal(guide.dbQueryP95Seconds);
    });

    it("draws the same series the alerts fire on: each alert's expression is its panel's query and the figure", () => {
        const utilization = dashboard(/utilization/i);
        const database = dashboard(/^Database/);
        const pairs: Array<[string, Model["panels"][number]]> = [
            ["HighCpu", panel(utilization, /^Container CPU/)],
            ["HighMemory", panel(utilization, /^Container memory/)],
            ["DiskSpaceHigh", panel(utilization, /^Node filesystems/)],
            ["DatabaseConnectionPoolExhausted", panel(database, /^Connections/)],
            ["ReplicationLag", panel(database, /^Replica lag/)],
            ["PostgresDeadlocks", panel(database, /^Deadlocks/)],
            ["RedisMemoryHigh", panel(database, /^Redis memory/)],
            ["ApiLatencyAboveTarget", panel(dashboard(/^SLA/), /^Response time/)],
        ];
        for (const [alert, p] of pairs) {
            const { above } = redAt(p);
            const queries = p.targets.map((t) => `${t.expr} > ${above}`);
            expect(queries, alert).to.include(alertingRule(omnicare, alert).expr);
        }
    });

    it("is a model Grafana loads: a uid each, panels on the 24-column grid, every query on the data source variable", () => {
        const uids = models.map((m) => m.uid);
        expect(new Set(uids).size).to.equal(uids.length);
        for (const m of models) {
            const variable = m.templating.list.find((v) => v.type === "datasource")!;
            expect(variable.query).to.equal("prometheus");
            const ids = m.panels.map((p) => p.id);
            expect(new Set(ids).size, m.uid).to.equal(ids.length);
            for (const p of m.panels) {
                expect(p.gridPos.x + p.gridPos.w, p.title).to.be.at.most(24);
                expect(p.targets.length, p.title).to.be.greaterThan(0);
                for (const uid of [p.datasource.uid, ...p.targets.map((t) => t.datasource.uid)])
                    expect(uid).to.equal(`\${${variable.name}}`);
            }
        }
    });

    it("queries only PromQL that `promtool check rules` accepts", () => {
        const exprs = models.flatMap((m) => m.panels.flatMap((p) => p.targets.map((t) => t.expr)));
        const rules = exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr }));
        const dir = scratchDir();
        try {
            const file = path.join(dir, "dashboards.yaml");
            fs.writeFileSync(file, stringify({ groups: [{ name: "dashboards", rules }] }));
            const result = promtool("check", "rules", file);
            expect(result.ok, result.output).to.equal(true);
            expect(result.output).to.contain(`SUCCESS: ${exprs.length} rules found`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("outside prod the availability panel draws no SLA line; without Grafana no dashboard is created", async () => {
        const staging = dashboardMaps(await examplePlan("healthbridge", "staging")).map(modelOf);
        expect(staging).to.have.length(3);
        expect(
            redAt(
                panel(
                    staging.find((m) => /^SLA/.test(m.title))!,
                    /^Availability/,
                ),
            ),
        ).to.deep.equal({});
        const dev = await planOf("dev");
        expect(grafanaValues(dev).enabled).to.equal(false);
        expect(dashboardMaps(dev)).to.deep.equal([]);
    });
});
