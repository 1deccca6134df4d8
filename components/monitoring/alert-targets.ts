// Alerts at a system's own performance targets (`careplane:monitoring.targets`), beside the catalog's
// fixed tiers: OmniCare verifies p95 API latency < 200 ms, p95 database query time < 100 ms and an error
// rate < 0.1 % after every deploy [002]. A missed target is a performance warning (P3), answered by the
// team that owns the signal; while a catalog tier of the same signal fires, it says the rest.
import { AlertDefinition, alertCatalog, errorRatio, p95Latency, Team } from "./alert-catalog";

export interface PerformanceTargets {
    apiLatencyP95Ms?: number;
    dbQueryP95Ms?: number;
    errorRatePercent?: number;
}

/**
 * The application's query timer: a histogram of database query durations in seconds, under the name
 * seed 003 monitors (`pg_query_duration_seconds`), so one instrumented client serves both systems.
 */
export const dbQueryP95 = "histogram_quantile(0.95, sum by (namespace, job, le) (rate(pg_query_duration_seconds_bucket[5m])))";

interface TargetAlert {
    name: string;
    team: Team;
    /** The catalog alert whose firing silences this one: the lowest tier of the same signal. */
    silencedBy?: string;
    expr: (target: number) => string;
    threshold: (target: number) => string;
    summary: string;
    description: (target: number) => string;
}

const targetAlertsByKey: Record<keyof PerformanceTargets, TargetAlert> = {
    apiLatencyP95Ms: {
        name: "ApiLatencyAboveTarget",
        team: "devops",
        silencedBy: "ElevatedResponseTime",
        expr: (ms) => `${p95Latency} > ${ms / 1000}`,
        threshold: (ms) => `p95 above the ${ms} ms target for 5 m`,
        summary: "API latency above its target",
        description: (ms) =>
            `95th percentile response time of {{ $labels.job }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}; the target is ${ms} ms.`,
    },
    dbQueryP95Ms: {
        name: "DatabaseQueryLatencyAboveTarget",
        team: "dba",
        expr: (ms) => `${dbQueryP95} > ${ms / 1000}`,
        threshold: (ms) => `p95 database query time above the ${ms} ms target for 5 m`,
        summary: "Database query time above its target",
        description: (ms) =>
            `95th percentile query time of {{ $labels.job }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}; the target is ${ms} ms.`,
    },
    errorRatePercent: {
        name: "ErrorRateAboveTarget",
        team: "devops",
        silencedBy: "ModerateErrorRate",
        expr: (percent) => `${errorRatio} > ${percent / 100}`,
        threshold: (percent) => `5xx above the ${percent} % target for 5 m`,
        summary: "Error rate above its target",
        description: (percent) =>
            `{{ $value | humanizePercentage }} of requests to {{ $labels.job }} in {{ $labels.namespace }} fail with 5xx; the target is ${percent} %.`,
    },
};

/** The targets a stack sets, each with its alert definition. */
function setTargets(t: PerformanceTargets): Array<[TargetAlert, number]> {
    return (Object.keys(targetAlertsByKey) as Array<keyof PerformanceTargets>)
        .filter((key) => t[key] !== undefined)
        .map((key) => [targetAlertsByKey[key], t[key]!]);
}

export function targetAlerts(t: PerformanceTargets): AlertDefinition[] {
    return setTargets(t).map(([a, target]) => ({
        name: a.name,
        group: "targets",
        severity: "medium",
        team: a.team,
        expr: a.expr(target),
        for: "5m",
        threshold: a.threshold(target),
        summary: a.summary,
        description: a.description(target),
        sources: ["002"],
    }));
}

/** A stack's alerts: the catalog and its target alerts, each target alert silenced while its signal's catalog tier fires. */
export function stackAlerts(t: PerformanceTargets): AlertDefinition[] {
    const silencers = new Map<string, string[]>();
    for (const [a] of setTargets(t)) {
        if (a.silencedBy) silencers.set(a.silencedBy, [...(silencers.get(a.silencedBy) ?? []), a.name]);
    }
    return [
        ...alertCatalog.map((a) => (silencers.has(a.name) ? { ...a, inhibits: [...(a.inhibits ?? []), ...silencers.get(a.name)!] } : a)),
        ...targetAlerts(t),
    ];
}
