// Grafana dashboards as data [002, Monitoring Verification: "SLA metrics (availability, response time, error
// rate)", "Resource utilization", "Database performance"; 004: Grafana for visualization, the key metrics
// it lists]. They read the series the alerts read, through the same expressions, and draw the alerts'
// figures (or the stack's own targets) as thresholds. Grafana's sidecar loads each from a ConfigMap.
import {
    connectionsUsed,
    containerCpu,
    containerMemory,
    errorRatio,
    filesystemUsed,
    latencyQuantile,
    recentDeadlocks,
    redisMemoryUsed,
    replicationLag,
    usageOverLimit,
} from "./alert-catalog";
import { dbQueryP95, PerformanceTargets } from "./alert-targets";

/** The label (and value) Grafana's dashboard sidecar selects ConfigMaps by. */
export const DASHBOARD_LABEL = { key: "grafana_dashboard", value: "1" } as const;

/** Grafana's units: https://grafana.com/docs/grafana/latest/panels-visualizations/configure-standard-options/#unit */
type Unit = "percentunit" | "s" | "reqps" | "ops" | "short" | "Bps";

export interface Panel {
    title: string;
    unit: Unit;
    queries: Array<{ expr: string; legend: string }>;
    /** Where the panel turns red: the alert's figure or the stack's target. */
    redAbove?: number;
    redBelow?: number;
}

export interface Dashboard {
    uid: string;
    title: string;
    panels: Panel[];
}

const perService = "{{namespace}}/{{job}}";
const requests = (status?: string) => `sum by (namespace, job) (rate(http_requests_total${status ? `{status=~"${status}"}` : ""}[5m]))`;
const perDatabase = (metric: string) => `sum by (instance, datname) (rate(${metric}[5m]))`;

export interface DashboardInputs {
    targets: PerformanceTargets;
    /** The environment's availability target in percent (prod 99.9 [000]); none outside prod. */
    slaPercent?: number;
}

/** The three dashboards, with the stack's targets where it sets them and the catalog's figures otherwise. */
export function dashboards({ targets, slaPercent }: DashboardInputs): Dashboard[] {
    const p95Target = (targets.apiLatencyP95Ms ?? 1000) / 1000;
    const errorTarget = (targets.errorRatePercent ?? 1) / 100;
    return [
        {
            uid: "careplane-sla",
            title: "SLA: availability, response time, error rate",
            panels: [
                {
                    title: "Availability (responses that are not 5xx)",
                    unit: "percentunit",
                    queries: [{ expr: `1 - (${errorRatio})`, legend: perService }],
                    // 99.9 / 100 is 0.9990000000000001 in floating point; Grafana's line belongs at 0.999.
                    redBelow: slaPercent === undefined ? undefined : Number((slaPercent / 100).toPrecision(12)),
                },
                {
                    title: "5xx error rate",
                    unit: "percentunit",
                    queries: [{ expr: errorRatio, legend: perService }],
                    redAbove: errorTarget,
                },
                {
                    title: "4xx rate",
                    unit: "percentunit",
                    queries: [{ expr: `${requests("4..")} / ${requests()}`, legend: perService }],
                },
                {
                    title: "Response time p50, p95, p99",
                    unit: "s",
                    queries: [0.5, 0.95, 0.99].map((q) => ({ expr: latencyQuantile(q), legend: `p${q * 100} ${perService}` })),
                    redAbove: p95Target,
                },
                { title: "Request rate", unit: "reqps", queries: [{ expr: requests(), legend: perService }] },
            ],
        },
        {
            uid: "careplane-utilization",
            title: "Resource utilization",
            panels: [
                {
                    title: "Container CPU of its limit",
                    unit: "percentunit",
                    queries: [{ expr: usageOverLimit(containerCpu, "cpu"), legend: "{{namespace}}/{{pod}}/{{container}}" }],
                    redAbove: 0.8,
                },
                {
                    title: "Container memory of its limit",
                    unit: "percentunit",
                    queries: [{ expr: usageOverLimit(containerMemory, "memory"), legend: "{{namespace}}/{{pod}}/{{container}}" }],
                    redAbove: 0.8,
                },
                {
                    title: "Node CPU busy",
                    unit: "percentunit",
                    queries: [{ expr: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))', legend: "{{instance}}" }],
                    redAbove: 0.8,
                },
                {
                    title: "Node filesystems in use",
                    unit: "percentunit",
                    queries: [{ expr: filesystemUsed, legend: "{{instance}} {{mountpoint}}" }],
                    redAbove: 0.8,
                },
                {
                    title: "Network received and sent",
                    unit: "Bps",
                    queries: [
                        { expr: "sum by (instance) (rate(node_network_receive_bytes_total[5m]))", legend: "in {{instance}}" },
                        { expr: "sum by (instance) (rate(node_network_transmit_bytes_total[5m]))", legend: "out {{instance}}" },
                    ],
                },
                {
                    title: "Container restarts in the last hour",
                    unit: "short",
                    queries: [
                        {
                            expr: "sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total[1h]))",
                            legend: "{{namespace}}/{{pod}}",
                        },
                    ],
                },
            ],
        },
        {
            uid: "careplane-database",
            title: "Database performance",
            panels: [
                {
                    title: "Query time p95",
                    unit: "s",
                    queries: [{ expr: dbQueryP95, legend: perService }],
                    redAbove: targets.dbQueryP95Ms === undefined ? undefined : targets.dbQueryP95Ms / 1000,
                },
                {
                    title: "Connections of max_connections",
                    unit: "percentunit",
                    queries: [{ expr: connectionsUsed, legend: "{{instance}}" }],
                    redAbove: 0.9,
                },
                {
                    title: "Transactions",
                    unit: "ops",
                    queries: [
                        { expr: perDatabase("pg_stat_database_xact_commit"), legend: "commit {{datname}}" },
                        { expr: perDatabase("pg_stat_database_xact_rollback"), legend: "rollback {{datname}}" },
                    ],
                },
                {
                    title: "Buffer cache hit ratio",
                    unit: "percentunit",
                    queries: [
                        {
                            expr: `${perDatabase("pg_stat_database_blks_hit")} / (${perDatabase("pg_stat_database_blks_hit")} + ${perDatabase("pg_stat_database_blks_read")})`,
                            legend: "{{datname}}",
                        },
                    ],
                },
                {
                    title: "Locks held, by mode",
                    unit: "short",
                    queries: [{ expr: "sum by (datname, mode) (pg_locks_count)", legend: "{{datname}} {{mode}}" }],
                },
                {
                    title: "Deadlocks in 5 minutes",
                    unit: "short",
                    queries: [{ expr: recentDeadlocks, legend: "{{datname}}" }],
                    redAbove: 0,
                },
                {
                    title: "Replica lag",
                    unit: "s",
                    queries: [{ expr: replicationLag, legend: "{{instance}}" }],
                    redAbove: 300,
                },
                {
                    title: "Redis memory of maxmemory",
                    unit: "percentunit",
                    queries: [{ expr: redisMemoryUsed, legend: "{{instance}}" }],
                    redAbove: 0.8,
                },
            ],
        },
    ];
}

const datasource = { type: "prometheus", uid: "${datasource}" };

function thresholds(p: Panel) {
    if (p.redAbove !== undefined) {
        return {
            mode: "absolute",
            steps: [
                { color: "green", value: null },
                { color: "red", value: p.redAbove },
            ],
        };
    }
    if (p.redBelow !== undefined) {
        return {
            mode: "absolute",
            steps: [
                { color: "red", value: null },
                { color: "green", value: p.redBelow },
            ],
        };
    }
    return { mode: "absolute", steps: [{ color: "green", value: null }] };
}

/**
 * Grafana's dashboard JSON model (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/):
 * time series panels two to a row, each query on the data source the `datasource` variable picks (the
 * chart's Prometheus by default), thresholds drawn as lines; read-only, since the sidecar owns it.
 */
export function dashboardModel(d: Dashboard): object {
    return {
        uid: d.uid,
        title: d.title,
        tags: ["careplane"],
        timezone: "utc",
        editable: false,
        schemaVersion: 39,
        time: { from: "now-6h", to: "now" },
        refresh: "1m",
        templating: {
            list: [{ name: "datasource", label: "Data source", type: "datasource", query: "prometheus", current: {}, hide: 0 }],
        },
        panels: d.panels.map((p, i) => ({
            id: i + 1,
            type: "timeseries",
            title: p.title,
            datasource,
            gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
            fieldConfig: {
                defaults: { unit: p.unit, thresholds: thresholds(p), custom: { thresholdsStyle: { mode: "line" } } },
                overrides: [],
            },
            targets: p.queries.map((q, j) => ({ refId: String.fromCharCode(65 + j), datasource, expr: q.expr, legendFormat: q.legend })),
        })),
    };
}
