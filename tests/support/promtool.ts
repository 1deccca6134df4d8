// The real Prometheus tooling (Debian package `prometheus`). A missing promtool fails the tests:
// the rules are proven by Prometheus' own evaluator or not at all.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { AlertFixture, Series } from "./alert-fixtures";
import { runTool, ToolResult } from "./debian-tool";

export const PROMTOOL = process.env.PROMTOOL ?? "/usr/bin/promtool";

export function promtool(...args: string[]): ToolResult {
    return runTool(PROMTOOL, "prometheus", args);
}

/** A fresh directory for rule and test files. */
export function scratchDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "careplane-promtool-"));
}

const priorities = { critical: "P1", high: "P2", medium: "P3", low: "P4" } as const;

const inputSeries = (series: Series[]) => series.map((s) => ({ series: s.series, values: s.values }));

/**
 * A `promtool test rules` file for one alert: the firing series must leave it silent a minute
 * before `firesAt` and fire it at `firesAt` with the expected labels and annotations; the healthy
 * series must leave it silent at `firesAt` and five minutes later.
 */
export function alertTestFile(rulesFile: string, fixture: AlertFixture, annotations: { summary: string; runbook_url: string }): string {
    const expected = {
        exp_labels: { ...fixture.labels, severity: fixture.severity, priority: priorities[fixture.severity], team: fixture.team },
        exp_annotations: {
            summary: annotations.summary,
            description: fixture.description,
            runbook_url: annotations.runbook_url,
            response_time: fixture.responseTime,
        },
    };
    const at = (minute: number) => `${minute}m`;
    return stringify(
        {
            rule_files: [rulesFile],
            evaluation_interval: "1m",
            tests: [
                {
                    name: `${fixture.alert} fires at minute ${fixture.firesAt}`,
                    interval: "1m",
                    input_series: inputSeries(fixture.firing),
                    alert_rule_test: [
                        { eval_time: at(fixture.firesAt - 1), alertname: fixture.alert, exp_alerts: [] },
                        { eval_time: at(fixture.firesAt), alertname: fixture.alert, exp_alerts: [expected] },
                    ],
                },
                {
                    name: `${fixture.alert} stays silent on healthy series`,
                    interval: "1m",
                    input_series: inputSeries(fixture.healthy),
                    alert_rule_test: [
                        { eval_time: at(fixture.firesAt), alertname: fixture.alert, exp_alerts: [] },
                        { eval_time: at(fixture.firesAt + 5), alertname: fixture.alert, exp_alerts: [] },
                    ],
                },
            ],
        },
        { lineWidth: 0 },
    );
}
