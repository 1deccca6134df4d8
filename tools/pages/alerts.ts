import { parse as parseYaml } from "yaml";
import { PlannedResource } from "../engine/plan";
import { PlanIndex, titleOf } from "./plan-index";

export interface Alert {
    name: string;
    severity: string;
    /** The `priority` label (P1–P4) where the rule carries one. */
    priority: string;
    /** How soon someone must respond (the `response_time` annotation). */
    responseTime: string;
    group: string;
    for: string;
    summary: string;
    expr: string;
    runbook: string;
    /** Receivers the Alertmanager routing in the plan sends it to; empty when no routing is planned. */
    receivers: string[];
}

export interface Receiver {
    name: string;
    /** `pagerduty`, `slack`, `email`, … */
    channels: string[];
}

export interface Alarm {
    name: string;
    condition: string;
    actions: string[];
}

export interface AlertCatalog {
    alerts: Alert[];
    receivers: Receiver[];
    routingSource: string | undefined;
    alarms: Alarm[];
}

interface Route {
    receiver?: string;
    matchers?: unknown[];
    match?: Record<string, string>;
    match_re?: Record<string, string>;
    routes?: Route[];
    continue?: boolean;
}

const severityOrder = ["critical", "p1", "high", "p2", "warning", "medium", "p3", "low", "p4", "info", "none"];

/** PrometheusRule alerts with their severities and where routing sends them, plus CloudWatch alarms. */
export function alertCatalog(index: PlanIndex): AlertCatalog {
    const routing = findRouting(index);
    const alerts = index.plan.resources
        .filter((r) => /:PrometheusRule$/.test(r.type))
        .flatMap((r) =>
            asArray((r.inputs.spec as any)?.groups).flatMap((g) =>
                asArray(g.rules)
                    .filter((rule) => typeof rule.alert === "string")
                    .map((rule) => {
                        const labels: Record<string, string> = { alertname: rule.alert, ...(rule.labels ?? {}) };
                        return {
                            name: rule.alert,
                            severity: String(labels.severity ?? "none"),
                            priority: String(labels.priority ?? ""),
                            responseTime: String(rule.annotations?.response_time ?? ""),
                            group: String(g.name ?? titleOf(r)),
                            for: String(rule.for ?? ""),
                            summary: String(rule.annotations?.summary ?? rule.annotations?.description ?? ""),
                            expr: String(rule.expr ?? ""),
                            runbook: String(rule.annotations?.runbook_url ?? rule.annotations?.runbook ?? ""),
                            receivers: routing ? route(routing.route, labels) : [],
                        };
                    }),
            ),
        )
        .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.name.localeCompare(b.name));
    const alarms = index.ofType(/^aws:cloudwatch\/metricAlarm:MetricAlarm$/).map((a) => ({
        name: titleOf(a),
        condition:
            `${watched(a.inputs)} ${operator(a.inputs.comparisonOperator)} ${a.inputs.threshold ?? ""} for ${a.inputs.evaluationPeriods ?? 1} × ${periodOf(a.inputs)} s`.trim(),
        actions: asArray(a.inputs.alarmActions).map((arn) => {
            const target = index.resolve(a, arn);
            return target ? titleOf(target) : String(arn);
        }),
    }));
    return { alerts, receivers: routing?.receivers ?? [], routingSource: routing?.source, alarms };
}

/** What an alarm compares: its metric (and percentile), or its metric-math expression with the metrics it reads. */
function watched(inputs: Record<string, any>): string {
    const queries = asArray(inputs.metricQueries);
    const expression = queries.find((q) => q.returnData !== false && q.expression);
    if (!expression)
        return `${inputs.namespace ?? ""} ${inputs.metricName ?? "expression"}${inputs.extendedStatistic ? ` ${inputs.extendedStatistic}` : ""}`.trim();
    const metrics = queries.filter((q) => q.metric).map((q) => `${q.id} = ${q.metric.metricName} ${q.metric.stat ?? ""}`.trim());
    return `${expression.expression}${metrics.length > 0 ? ` (${metrics.join(", ")})` : ""}`;
}

/** A single-metric alarm's period, or its metric-math metrics' period. */
function periodOf(inputs: Record<string, any>): string {
    return String(inputs.period ?? asArray(inputs.metricQueries).find((q) => q.metric?.period)?.metric.period ?? "?");
}

function severityRank(severity: string): number {
    const i = severityOrder.indexOf(severity.toLowerCase());
    return i < 0 ? severityOrder.length : i;
}

/** The first Alertmanager configuration found in the plan: an object (or YAML text) with a route and receivers. */
function findRouting(index: PlanIndex): { route: Route; receivers: Receiver[]; source: string } | undefined {
    for (const r of index.plan.resources) {
        const config = findConfig(r.inputs);
        if (config) return { route: config.route, receivers: asArray(config.receivers).map(receiverOf), source: sourceOf(r) };
    }
    return undefined;
}

function findConfig(value: unknown, depth = 0): { route: Route; receivers: unknown[] } | undefined {
    if (depth > 12) return undefined;
    if (typeof value === "string" && /\broute:/.test(value) && /\breceivers:/.test(value)) {
        try {
            return findConfig(parseYaml(value), depth + 1);
        } catch {
            return undefined;
        }
    }
    if (!value || typeof value !== "object") return undefined;
    const obj = value as Record<string, unknown>;
    if (obj.route && typeof obj.route === "object" && Array.isArray(obj.receivers))
        return { route: obj.route as Route, receivers: obj.receivers };
    for (const v of Object.values(obj)) {
        const found = findConfig(v, depth + 1);
        if (found) return found;
    }
    return undefined;
}

function receiverOf(r: any): Receiver {
    const channels = Object.keys(r ?? {})
        .filter((k) => /configs$/i.test(k) && asArray(r[k]).length > 0)
        .map((k) => k.replace(/_?configs$/i, "").toLowerCase());
    return { name: String(r?.name ?? "?"), channels };
}

/** Alertmanager's routing: the first matching child route wins unless it says continue; the root catches the rest. */
function route(root: Route, labels: Record<string, string>): string[] {
    const walk = (node: Route, inherited: string | undefined): string[] => {
        const receiver = node.receiver ?? inherited;
        const found: string[] = [];
        for (const child of node.routes ?? []) {
            if (!matches(child, labels)) continue;
            found.push(...walk(child, receiver));
            if (!child.continue) break;
        }
        return found.length > 0 ? found : receiver ? [receiver] : [];
    };
    return [...new Set(walk(root, undefined))];
}

function matches(route: Route, labels: Record<string, string>): boolean {
    const equal = Object.entries(route.match ?? {}).every(([k, v]) => labels[k] === v);
    const regex = Object.entries(route.match_re ?? {}).every(([k, v]) => new RegExp(`^(?:${v})$`).test(labels[k] ?? ""));
    const matchers = asArray(route.matchers).every((m) => matcher(m, labels));
    return equal && regex && matchers;
}

function matcher(m: unknown, labels: Record<string, string>): boolean {
    let name: string, op: string, value: string;
    if (typeof m === "string") {
        const parsed = /^\s*(\w+)\s*(=~|!~|!=|=)\s*"?([^"]*)"?\s*$/.exec(m);
        if (!parsed) return false;
        [, name, op, value] = parsed;
    } else {
        const o = m as { name: string; value: string; matchType?: string; regex?: boolean };
        name = o.name;
        value = o.value;
        op = o.matchType ?? (o.regex ? "=~" : "=");
    }
    const actual = labels[name] ?? "";
    const re = () => new RegExp(`^(?:${value})$`).test(actual);
    return op === "=" ? actual === value : op === "!=" ? actual !== value : op === "=~" ? re() : !re();
}

function operator(op: unknown): string {
    const ops: Record<string, string> = {
        GreaterThanThreshold: ">",
        GreaterThanOrEqualToThreshold: "≥",
        LessThanThreshold: "<",
        LessThanOrEqualToThreshold: "≤",
    };
    return ops[String(op)] ?? String(op ?? "");
}

function sourceOf(r: PlannedResource): string {
    return `${r.type.split(":").pop()} ${titleOf(r)}`;
}

function asArray(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}
