// Alerts at a system's own performance targets (`careplane:monitoring.targets`), beside the catalog's
// fixed tiers: OmniCare verifies p95 API latency < 200 ms, p95 database query time < 100 ms and an error
// rate < 0.1 % after every deploy [002]. A missed target is a performance warning (P3), answered by the
// team that owns the signal; while a catalog tier of the same signal fires, it says the rest.
import { AlertDefinition, alertCatalog, errorRatio, p95Latency, Seed } from "./alert-catalog";

export interface PerformanceTargets {
    apiLatencyP95Ms?: number;
    dbQueryP95Ms?: number;
    errorRatePercent?: number;
}

/**
 * The application's query timer: a histogram of database query durations in seconds, under the name
 * seed 003 monitors (`pg_query_duration_seconds`), so one instrumented client serves both systems.
 */
const dbQueryP95 = "histogram_quantile(0.95, sum by (namespace, job, le) (rate(pg_query_duration_seconds_bucket[5m])))";

/** Which catalog alert, when firing, silences each target alert: the lowest tier of the same signal. */
const silencedBy: Record<string, string> = {
    ApiLatencyAboveTarget: "ElevatedResponseTime",
    ErrorRateAboveTarget: "ModerateErrorRate",
};

export function targetAlerts(t: PerformanceTargets): AlertDefinition[] {
    const common = { group: "targets", severity: "medium" as const, for: "5m", sources: ["002"] as Seed[] };
    return [
        ...(t.apiLatencyP95Ms !== undefined
            ? [
                  {
                      ...common,
                      name: "ApiLatencyAboveTarget",
                      team: "devops",
                      expr: `${p95Latency} > ${t.apiLatencyP95Ms / 1000}`,
                      threshold: `p95 above the ${t.apiLatencyP95Ms} ms target for 5 m`,
                      summary: "API latency above its target",
                      description: `95th percentile response time of {{ $labels.job }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}; the target is ${t.apiLatencyP95Ms} ms.`,
                  } satisfies AlertDefinition,
              ]
            : []),
        ...(t.dbQueryP95Ms !== undefined
            ? [
                  {
                      ...common,
                      name: "DatabaseQueryLatencyAboveTarget",
                      team: "dba",
                      expr: `${dbQueryP95} > ${t.dbQueryP95Ms / 1000}`,
                      threshold: `p95 database query time above the ${t.dbQueryP95Ms} ms target for 5 m`,
                      summary: "Database query time above its target",
                      description: `95th percentile query time of {{ $labels.job }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}; the target is ${t.dbQueryP95Ms} ms.`,
                  } satisfies AlertDefinition,
              ]
            : []),
        ...(t.errorRatePercent !== undefined
            ? [
                  {
                      ...common,
                      name: "ErrorRateAboveTarget",
                      team: "devops",
                      expr: `${errorRatio} > ${t.errorRatePercent / 100}`,
                      threshold: `5xx above the ${t.errorRatePercent} % target for 5 m`,
                      summary: "Error rate above its target",
                      description: `{{ $value | humanizePercentage }} of requests to {{ $labels.job }} in {{ $labels.namespace }} fail with 5xx; the target is ${t.errorRatePercent} %.`,
                  } satisfies AlertDefinition,
              ]
            : []),
    ];
}

/** A stack's alerts: the catalog and its target alerts, each target alert silenced while its signal's catalog tier fires. */
export function stackAlerts(t: PerformanceTargets): AlertDefinition[] {
    const targets = targetAlerts(t);
    const silencers = new Map<string, string[]>();
    for (const { name } of targets) {
        const source = silencedBy[name];
        if (source) silencers.set(source, [...(silencers.get(source) ?? []), name]);
    }
    return [
        ...alertCatalog.map((a) => (silencers.has(a.name) ? { ...a, inhibits: [...(a.inhibits ?? []), ...silencers.get(a.name)!] } : a)),
        ...targets,
    ];
}
