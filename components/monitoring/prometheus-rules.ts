import { stringify } from "yaml";
import { AlertDefinition, alertCatalog, responseTimeOf, severityLevels } from "./alert-catalog";

/** One alerting rule as Prometheus (and a PrometheusRule's spec.groups[].rules[]) reads it. */
export interface AlertingRule {
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

export interface RuleGroup {
    name: string;
    rules: AlertingRule[];
}

/** The runbook section of an alert: `<base>#<alertname in lower case>`. */
export function runbookUrl(baseUrl: string, alertName: string): string {
    return `${baseUrl}#${alertName.toLowerCase()}`;
}

export function alertingRule(alert: AlertDefinition, runbookBaseUrl: string): AlertingRule {
    return {
        alert: alert.name,
        expr: alert.expr,
        for: alert.for,
        labels: { severity: alert.severity, priority: severityLevels[alert.severity].priority, team: alert.team },
        annotations: {
            summary: alert.summary,
            description: alert.description,
            runbook_url: runbookUrl(runbookBaseUrl, alert.name),
            response_time: responseTimeOf(alert),
        },
    };
}

/** The catalog as Prometheus rule groups, one per catalog group, named `careplane-<group>`. */
export function ruleGroups(runbookBaseUrl: string, catalog: readonly AlertDefinition[] = alertCatalog): RuleGroup[] {
    const groups = new Map<string, AlertingRule[]>();
    for (const alert of catalog) {
        const name = `careplane-${alert.group}`;
        groups.set(name, [...(groups.get(name) ?? []), alertingRule(alert, runbookBaseUrl)]);
    }
    return [...groups].map(([name, rules]) => ({ name, rules }));
}

/** A Prometheus rules file (what `promtool check rules` reads). */
export function rulesFile(groups: RuleGroup[]): string {
    return stringify({ groups }, { lineWidth: 0 });
}
