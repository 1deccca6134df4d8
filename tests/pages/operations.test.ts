import { expect } from "chai";
import { alertCatalog } from "../../tools/pages/alerts";
import { PlanIndex } from "../../tools/pages/plan-index";
import { recoveryFigures } from "../../tools/pages/retention";
import { cadenceOf } from "../../tools/pages/schedule";
import { fixturePlan } from "../support/engine";
import { kitchenSinkPlan } from "./fixture";

describe("page figures read from the plan", () => {
    describe("alert catalog", () => {
        it("lists PrometheusRule alerts most severe first, routed by the AlertmanagerConfig in the plan", () => {
            const catalog = alertCatalog(new PlanIndex(kitchenSinkPlan()));
            expect(catalog.alerts.map((a) => [a.name, a.severity, a.receivers])).to.deep.equal([
                ["ApiDown", "critical", ["pagerduty"]],
                ["HighCpu", "medium", ["slack"]],
            ]);
            expect(catalog.receivers).to.deep.equal([
                { name: "pagerduty", channels: ["pagerduty"] },
                { name: "slack", channels: ["slack"] },
            ]);
        });

        it("reads routing written as alertmanager.yaml text, with string matchers and continue", () => {
            const yaml = [
                "route:",
                "  receiver: email",
                "  routes:",
                '    - matchers: [severity="critical"]',
                "      receiver: pagerduty",
                "      continue: true",
                '    - matchers: [severity=~"critical|high"]',
                "      receiver: slack",
                "receivers:",
                "  - name: pagerduty",
                "    pagerduty_configs: [{ routing_key: x }]",
                "  - name: slack",
                "    slack_configs: [{ channel: '#a' }]",
                "  - name: email",
                "    email_configs: [{ to: a@b.c }]",
            ].join("\n");
            const rule = (alert: string, severity: string) => ({ alert, expr: "1", labels: { severity } });
            const plan = fixturePlan([
                { type: "kubernetes:core/v1:Secret", name: "alertmanager", inputs: { stringData: { "alertmanager.yaml": yaml } } },
                {
                    type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
                    name: "rules",
                    inputs: { spec: { groups: [{ name: "g", rules: [rule("A", "critical"), rule("B", "high"), rule("C", "low")] }] } },
                },
            ]);
            const catalog = alertCatalog(new PlanIndex(plan));
            expect(catalog.alerts.map((a) => [a.name, a.receivers])).to.deep.equal([
                ["A", ["pagerduty", "slack"]],
                ["B", ["slack"]],
                ["C", ["email"]],
            ]);
            expect(catalog.routingSource).to.equal("Secret alertmanager");
            expect(catalog.receivers.map((r) => r.channels)).to.deep.equal([["pagerduty"], ["slack"], ["email"]]);
        });

        it("lists CloudWatch alarms with their condition and the topic they notify", () => {
            const plan = fixturePlan([
                { type: "aws:sns/topic:Topic", name: "alarms", inputs: { name: "care-alarms" } },
                {
                    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                    name: "db-cpu",
                    inputs: {
                        alarmName: "db-cpu",
                        namespace: "AWS/RDS",
                        metricName: "CPUUtilization",
                        comparisonOperator: "GreaterThanThreshold",
                        threshold: 80,
                        evaluationPeriods: 2,
                        period: 300,
                        alarmActions: ["arn:aws:sns:us-east-1:123456789012:topic/alarms"],
                    },
                },
            ]);
            expect(alertCatalog(new PlanIndex(plan)).alarms).to.deep.equal([
                { name: "db-cpu", condition: "AWS/RDS CPUUtilization > 80 for 2 × 300 s", actions: ["care-alarms"] },
            ]);
        });

        it("shows a metric-math alarm's expression with the metrics it reads, and a percentile alarm's percentile", () => {
            const metric = (metricName: string, stat: string) => ({ namespace: "AWS/ApplicationELB", metricName, period: 60, stat });
            const plan = fixturePlan([
                {
                    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                    name: "api-down",
                    inputs: {
                        comparisonOperator: "LessThanThreshold",
                        threshold: 1,
                        evaluationPeriods: 2,
                        metricQueries: [
                            { id: "result", expression: "FILL(blue, 0) + FILL(green, 0)", returnData: true },
                            { id: "blue", metric: metric("HealthyHostCount", "Minimum"), returnData: false },
                            { id: "green", metric: metric("HealthyHostCount", "Minimum"), returnData: false },
                        ],
                    },
                },
                {
                    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                    name: "latency",
                    inputs: {
                        namespace: "AWS/ApplicationELB",
                        metricName: "TargetResponseTime",
                        extendedStatistic: "p95",
                        comparisonOperator: "GreaterThanThreshold",
                        threshold: 5,
                        evaluationPeriods: 1,
                        period: 300,
                    },
                },
            ]);
            expect(alertCatalog(new PlanIndex(plan)).alarms.map((a) => a.condition)).to.deep.equal([
                "FILL(blue, 0) + FILL(green, 0) (blue = HealthyHostCount Minimum, green = HealthyHostCount Minimum) < 1 for 2 × 60 s",
                "AWS/ApplicationELB TargetResponseTime p95 > 5 for 1 × 300 s",
            ]);
        });
    });

    describe("retention and recovery", () => {
        const figures = recoveryFigures(new PlanIndex(kitchenSinkPlan()));

        it("takes the backup RPO from the most frequent backup schedule (hourly in the fixture)", () => {
            expect(figures.backupRpoHours).to.equal(1);
            expect(figures.pointInTime).to.deep.equal([
                "care-plan / hourly (continuous backup)",
                "care-db (RDS automated backups: any second of the last 35 d, up to about 5 min ago)",
            ]);
        });

        it("reads retention from backup rules, vault lock, Object Lock, data stores and log groups", () => {
            const rows = Object.fromEntries(figures.rows.map((r) => [`${r.what} ${r.resource}`, [r.days, r.region]]));
            expect(rows).to.deep.equal({
                "backup rule hourly care-plan": [35, "us-east-1"],
                "backup rule daily care-plan": [30, "us-east-1"],
                "vault lock care-vault": [30, "us-east-1"],
                "Object Lock care-backups": [7 * 365, "us-east-1"],
                "automated backups care-db": [35, "us-east-1"],
                "snapshots care-cache": [15, "us-east-1"],
                "log group /care/app": [30, "us-east-1"],
            });
            const daily = figures.rows.find((r) => r.what === "backup rule daily")!;
            expect(daily.detail).to.contain("copied to care-vault-dr (us-west-2)");
        });
    });

    describe("backup cadence", () => {
        const cases: Array<[string, string, number]> = [
            ["cron(0 * ? * * *)", "hourly", 1],
            ["cron(0 */4 * * ? *)", "every 4 h", 4],
            ["cron(0 5 ? * * *)", "daily", 24],
            ["cron(0 5,17 ? * * *)", "2× daily", 12],
            ["cron(0 5 ? * SUN *)", "weekly", 168],
            ["cron(0 5 1 * ? *)", "monthly", 744],
            ["cron(0 5 1 1 ? *)", "yearly", 8784],
            ["rate(1 hour)", "every 1 hour", 1],
        ];
        for (const [expression, name, hours] of cases) {
            it(`${expression} runs ${name}, at most ${hours} h apart`, () => {
                expect(cadenceOf(expression)).to.deep.equal({ name, intervalHours: hours });
            });
        }
    });
});
