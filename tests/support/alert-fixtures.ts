// Synthetic Prometheus series for every catalog alert: series that must fire it, at a known
// minute, with known labels, and healthy series that must not. Evaluated by `promtool test rules`
// at a 1-minute interval. Severities, response times and thresholds are the seeds' figures, written
// here by hand so that the catalog is checked against them rather than against itself.
//
// Timing rules used below: a ratio of two rates (errors / requests, histogram buckets) is exact
// from the second sample (minute 1); an absolute rate(...[5m]) of a counter that starts at 0 is
// exact from minute 5 and reads 4/5 of the true rate at minute 4; a gauge holds from minute 0.
// An alert fires at (first minute its condition holds) + its `for`.

export interface Series {
    series: string;
    values: string;
}

export interface AlertFixture {
    alert: string;
    severity: "critical" | "high" | "medium" | "low";
    /** The team that owns it [002, 003]. */
    team: "devops" | "dba" | "security";
    /** [002] per alert where it names one, else per severity. */
    responseTime: string;
    firing: Series[];
    /** The first evaluation minute at which the alert fires; it must not fire a minute earlier. */
    firesAt: number;
    /** The labels the fired alert carries besides alertname, severity and priority. */
    labels: Record<string, string>;
    description: string;
    healthy: Series[];
}

const api = 'namespace="caresync", job="caresync-api"';

const requests = (errorsPerMinute: number, okPerMinute: number): Series[] => [
    { series: `http_requests_total{${api}, status="500"}`, values: `0+${errorsPerMinute}x20` },
    { series: `http_requests_total{${api}, status="200"}`, values: `0+${okPerMinute}x20` },
];

/** Ten requests (or queries) a minute, all of them in the bucket whose upper bound is `slowestBound`. */
const latencies = (slowestBound: string, bounds = ["0.5", "1", "5", "10", "+Inf"], metric = "http_request_duration_seconds"): Series[] =>
    bounds.map((le) => ({
        series: `${metric}_bucket{${api}, le="${le}"}`,
        values: le === "+Inf" || Number(le) >= Number(slowestBound) ? "0+10x20" : "0x20",
    }));

const container = 'namespace="caresync", pod="api-1", container="api"';

/** Payment attempts a minute by outcome [004]. */
const payments = (perMinute: Record<"failed" | "declined" | "succeeded", number>): Series[] =>
    Object.entries(perMinute).map(([outcome, n]) => ({
        series: `payment_attempts_total{${api}, outcome="${outcome}"}`,
        values: `0+${n}x20`,
    }));

export const alertFixtures: AlertFixture[] = [
    {
        // Chosen by its tier label, not its name: an api-tier service called "records" is watched, a web one is not.
        alert: "ApiDown",
        severity: "critical",
        team: "devops",
        responseTime: "5m",
        firing: [{ series: 'up{namespace="caresync", job="records", tier="api", instance="10.10.4.5:3001"}', values: "0x20" }],
        firesAt: 1,
        labels: { namespace: "caresync", job: "records", tier: "api", instance: "10.10.4.5:3001" },
        description: "Prometheus cannot scrape records at 10.10.4.5:3001 in caresync.",
        healthy: [
            { series: 'up{namespace="caresync", job="records", tier="api", instance="10.10.4.5:3001"}', values: "1x20" },
            { series: 'up{namespace="caresync", job="api-docs", tier="web", instance="10.10.4.6:3000"}', values: "0x20" },
            { series: 'up{namespace="monitoring", job="node-exporter", instance="10.10.4.9:9100"}', values: "0x20" },
        ],
    },
    {
        alert: "DatabaseDown",
        severity: "critical",
        team: "dba",
        responseTime: "5m",
        firing: [
            { series: `database_connections_active{${api}, pod="api-1"}`, values: "0x20" },
            { series: `database_connections_active{${api}, pod="api-2"}`, values: "0x20" },
        ],
        firesAt: 2,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "caresync-api in caresync holds no active database connections.",
        healthy: [
            { series: `database_connections_active{${api}, pod="api-1"}`, values: "0x20" },
            { series: `database_connections_active{${api}, pod="api-2"}`, values: "3x20" },
        ],
    },
    {
        alert: "HighErrorRate",
        severity: "critical",
        team: "devops",
        responseTime: "15m",
        firing: requests(6, 54),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "10% of requests to caresync-api in caresync fail with 5xx.",
        healthy: requests(4, 96),
    },
    {
        alert: "ElevatedErrorRate",
        severity: "high",
        team: "devops",
        responseTime: "30m",
        firing: requests(2, 98),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "2% of requests to caresync-api in caresync fail with 5xx.",
        healthy: requests(8, 992),
    },
    {
        alert: "ModerateErrorRate",
        severity: "medium",
        team: "devops",
        responseTime: "1h",
        firing: requests(8, 992),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "0.8% of requests to caresync-api in caresync fail with 5xx.",
        healthy: requests(4, 996),
    },
    {
        // All requests between 5 s and 10 s: p95 interpolates to 5 + 0.95 × 5 = 9.75 s.
        alert: "SlowResponseTime",
        severity: "high",
        team: "devops",
        responseTime: "30m",
        firing: latencies("10"),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "95th percentile response time of caresync-api in caresync is 9.75s.",
        healthy: latencies("5"),
    },
    {
        // All requests between 1 s and 5 s: p95 = 1 + 0.95 × 4 = 4.8 s.
        alert: "ElevatedResponseTime",
        severity: "high",
        team: "devops",
        responseTime: "30m",
        firing: latencies("5"),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "95th percentile response time of caresync-api in caresync is 4.8s.",
        healthy: latencies("1"),
    },
    {
        alert: "DatabaseConnectionPoolExhausted",
        severity: "high",
        team: "dba",
        responseTime: "30m",
        // 60 active and 35 idle connections: every state holds a slot of max_connections.
        firing: [
            { series: 'pg_stat_activity_count{instance="caresync-prod-db", datname="caresync", state="active"}', values: "60x20" },
            { series: 'pg_stat_activity_count{instance="caresync-prod-db", datname="caresync", state="idle"}', values: "35x20" },
            { series: 'pg_settings_max_connections{instance="caresync-prod-db"}', values: "100x20" },
        ],
        firesAt: 2,
        labels: { instance: "caresync-prod-db" },
        description: "caresync-prod-db uses 95% of its max_connections.",
        healthy: [
            { series: 'pg_stat_activity_count{instance="caresync-prod-db", datname="caresync", state="active"}', values: "50x20" },
            { series: 'pg_stat_activity_count{instance="caresync-prod-db", datname="caresync", state="idle"}', values: "35x20" },
            { series: 'pg_settings_max_connections{instance="caresync-prod-db"}', values: "100x20" },
        ],
    },
    {
        alert: "ReplicationLag",
        severity: "high",
        team: "dba",
        responseTime: "30m",
        firing: [{ series: 'pg_replication_lag_seconds{instance="caresync-prod-db-replica-1"}', values: "600x20" }],
        firesAt: 5,
        labels: { instance: "caresync-prod-db-replica-1" },
        description: "Replica caresync-prod-db-replica-1 is 10m 0s behind its primary.",
        healthy: [{ series: 'pg_replication_lag_seconds{instance="caresync-prod-db-replica-1"}', values: "120x20" }],
    },
    {
        alert: "RedisMemoryHigh",
        severity: "high",
        team: "devops",
        responseTime: "30m",
        firing: [
            { series: 'redis_memory_used_bytes{instance="caresync-prod-cache:9121"}', values: "900x20" },
            { series: 'redis_memory_max_bytes{instance="caresync-prod-cache:9121"}', values: "1000x20" },
        ],
        firesAt: 5,
        labels: { instance: "caresync-prod-cache:9121" },
        description: "caresync-prod-cache:9121 uses 90% of maxmemory; allkeys-lru evicts sessions beyond it.",
        healthy: [
            { series: 'redis_memory_used_bytes{instance="caresync-prod-cache:9121"}', values: "700x20" },
            { series: 'redis_memory_max_bytes{instance="caresync-prod-cache:9121"}', values: "1000x20" },
            // No maxmemory set: the ratio is undefined, not infinite.
            { series: 'redis_memory_used_bytes{instance="scratch-cache:9121"}', values: "900x20" },
            { series: 'redis_memory_max_bytes{instance="scratch-cache:9121"}', values: "0x20" },
        ],
    },
    {
        // 27 CPU-seconds a minute = 0.45 cores of a 0.5-core limit (90 %); holds from minute 5.
        alert: "HighCpu",
        severity: "high",
        team: "devops",
        responseTime: "1h",
        firing: [
            { series: `container_cpu_usage_seconds_total{${container}}`, values: "0+27x20" },
            { series: `kube_pod_container_resource_limits{${container}, resource="cpu"}`, values: "0.5x20" },
        ],
        firesAt: 10,
        labels: { namespace: "caresync", pod: "api-1", container: "api" },
        description: "api in caresync/api-1 uses 90% of its CPU limit.",
        healthy: [
            { series: `container_cpu_usage_seconds_total{${container}}`, values: "0+21x20" },
            { series: `kube_pod_container_resource_limits{${container}, resource="cpu"}`, values: "0.5x20" },
        ],
    },
    {
        alert: "HighMemory",
        severity: "high",
        team: "devops",
        responseTime: "1h",
        firing: [
            { series: `container_memory_working_set_bytes{${container}}`, values: "966367641x20" },
            { series: `kube_pod_container_resource_limits{${container}, resource="memory"}`, values: "1073741824x20" },
        ],
        firesAt: 5,
        labels: { namespace: "caresync", pod: "api-1", container: "api" },
        description: "api in caresync/api-1 uses 90% of its memory limit.",
        healthy: [
            { series: `container_memory_working_set_bytes{${container}}`, values: "751619276x20" },
            { series: `kube_pod_container_resource_limits{${container}, resource="memory"}`, values: "1073741824x20" },
        ],
    },
    {
        alert: "DiskSpaceHigh",
        severity: "medium",
        team: "devops",
        responseTime: "1h",
        firing: [
            { series: 'node_filesystem_avail_bytes{instance="10.10.4.9:9100", mountpoint="/", fstype="xfs"}', values: "10x20" },
            { series: 'node_filesystem_size_bytes{instance="10.10.4.9:9100", mountpoint="/", fstype="xfs"}', values: "100x20" },
        ],
        firesAt: 5,
        labels: { instance: "10.10.4.9:9100", mountpoint: "/", fstype: "xfs" },
        description: "/ on 10.10.4.9:9100 is 90% full.",
        healthy: [
            { series: 'node_filesystem_avail_bytes{instance="10.10.4.9:9100", mountpoint="/", fstype="xfs"}', values: "30x20" },
            { series: 'node_filesystem_size_bytes{instance="10.10.4.9:9100", mountpoint="/", fstype="xfs"}', values: "100x20" },
            // A full tmpfs is memory, not disk.
            { series: 'node_filesystem_avail_bytes{instance="10.10.4.9:9100", mountpoint="/run", fstype="tmpfs"}', values: "1x20" },
            { series: 'node_filesystem_size_bytes{instance="10.10.4.9:9100", mountpoint="/run", fstype="tmpfs"}', values: "100x20" },
        ],
    },
    {
        alert: "DeploymentFailed",
        severity: "high",
        team: "devops",
        responseTime: "30m",
        firing: [
            {
                series: 'kube_deployment_status_condition{namespace="caresync", deployment="api", condition="Progressing", status="false"}',
                values: "1x20",
            },
        ],
        firesAt: 1,
        labels: { namespace: "caresync", deployment: "api", condition: "Progressing", status: "false" },
        description: "caresync/api exceeded its progress deadline.",
        healthy: [
            {
                series: 'kube_deployment_status_condition{namespace="caresync", deployment="api", condition="Progressing", status="false"}',
                values: "0x20",
            },
            {
                series: 'kube_deployment_status_condition{namespace="caresync", deployment="api", condition="Progressing", status="true"}',
                values: "1x20",
            },
        ],
    },
    {
        // Expiry 10 days after the test's epoch: 9 d 23 h left at minute 60, under 21 days.
        alert: "CertificateExpiry",
        severity: "low",
        team: "devops",
        responseTime: "24h",
        firing: [{ series: 'probe_ssl_earliest_cert_expiry{instance="https://app.caresync.example"}', values: "864000x70" }],
        firesAt: 60,
        labels: { instance: "https://app.caresync.example" },
        description: "The certificate served at https://app.caresync.example expires in 9d 23h 0m 0s.",
        healthy: [{ series: 'probe_ssl_earliest_cert_expiry{instance="https://app.caresync.example"}', values: "2592000x70" }],
    },
    {
        // 7.2 failures a minute = 0.12/s: above 0.1 from minute 5 (0.096 at minute 4).
        alert: "HighProvisioningFailureRate",
        severity: "high",
        team: "devops",
        responseTime: "30m",
        firing: [
            { series: 'provisioning_jobs_total{namespace="caresync", job="tenant-provisioning", status="failure"}', values: "0+7.2x20" },
        ],
        firesAt: 10,
        labels: { namespace: "caresync", job: "tenant-provisioning" },
        description: "tenant-provisioning in caresync fails 0.12 provisioning jobs per second.",
        healthy: [
            { series: 'provisioning_jobs_total{namespace="caresync", job="tenant-provisioning", status="failure"}', values: "0+3x20" },
            { series: 'provisioning_jobs_total{namespace="caresync", job="tenant-provisioning", status="success"}', values: "0+600x20" },
        ],
    },
    {
        alert: "ProvisioningQueueBacklog",
        severity: "medium",
        team: "devops",
        responseTime: "1h",
        firing: [{ series: 'provisioning_queue_depth{namespace="caresync", job="tenant-provisioning"}', values: "150x20" }],
        firesAt: 5,
        labels: { namespace: "caresync", job: "tenant-provisioning" },
        description: "150 provisioning jobs wait in the queue of tenant-provisioning in caresync.",
        healthy: [{ series: 'provisioning_queue_depth{namespace="caresync", job="tenant-provisioning"}', values: "80x20" }],
    },
    {
        // 6 failures a minute: above 5 from minute 5 (4.8 at minute 4), then 2 minutes pending.
        alert: "FailedAuthenticationSpike",
        severity: "high",
        team: "security",
        responseTime: "30m",
        firing: [{ series: `authentication_failures_total{${api}}`, values: "0+6x20" }],
        firesAt: 7,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "caresync-api in caresync rejects 6.0 sign-ins a minute.",
        healthy: [{ series: `authentication_failures_total{${api}}`, values: "0+4x20" }],
    },
    {
        // Entries until minute 10, none after: the 15-minute window is flat from minute 25.
        alert: "AuditLogGap",
        severity: "high",
        team: "security",
        responseTime: "30m",
        firing: [{ series: `audit_log_entries_total{${api}}`, values: "0+5x10 50x30" }],
        firesAt: 30,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "caresync-api in caresync has written no audit-log entry for 20 minutes.",
        healthy: [{ series: `audit_log_entries_total{${api}}`, values: "0+5x40" }],
    },
    {
        // 001's absolute rule as written, per series: 12 errors a minute of one status is 0.2/s, read as 0.12/s
        // at minute 3 (36 errors over the 5-minute range), above 0.1 from there: fires at 3 + 5.
        alert: "ServerErrorRate",
        severity: "high",
        team: "devops",
        responseTime: "30m",
        firing: requests(12, 600),
        firesAt: 8,
        labels: { namespace: "caresync", job: "caresync-api", status: "500" },
        description: "caresync-api in caresync answers 0.20 requests/s with 500.",
        // 3 errors a minute (0.05/s) of far fewer requests: a higher ratio, a lower rate.
        healthy: requests(3, 30),
    },
    {
        alert: "PostgresLockContention",
        severity: "high",
        team: "dba",
        responseTime: "30m",
        firing: [
            { series: 'pg_locks_count{instance="caresync-prod-db", datname="caresync", mode="accessexclusivelock"}', values: "1x20" },
            { series: 'pg_locks_count{instance="caresync-prod-db", datname="caresync", mode="rowexclusivelock"}', values: "40x20" },
        ],
        firesAt: 5,
        labels: { instance: "caresync-prod-db", datname: "caresync" },
        description: "caresync on caresync-prod-db holds 1 ACCESS EXCLUSIVE lock(s): queries on those tables wait.",
        // Writers' row locks are everyday; an ACCESS EXCLUSIVE lock released within 4 minutes is a migration step.
        healthy: [
            { series: 'pg_locks_count{instance="caresync-prod-db", datname="caresync", mode="accessexclusivelock"}', values: "1x3 0x17" },
            { series: 'pg_locks_count{instance="caresync-prod-db", datname="caresync", mode="rowexclusivelock"}', values: "400x20" },
        ],
    },
    {
        // One deadlock at minute 6; the counter had stood at 3 since before the test.
        alert: "PostgresDeadlocks",
        severity: "medium",
        team: "dba",
        responseTime: "1h",
        firing: [
            { series: 'pg_stat_database_deadlocks{instance="caresync-prod-db", datid="16384", datname="caresync"}', values: "3x5 4x15" },
        ],
        firesAt: 6,
        labels: { instance: "caresync-prod-db", datname: "caresync" },
        description: "caresync on caresync-prod-db aborted 1 transaction(s) to break deadlocks in 5 minutes.",
        healthy: [{ series: 'pg_stat_database_deadlocks{instance="caresync-prod-db", datid="16384", datname="caresync"}', values: "3x20" }],
    },
    {
        // 6 of 100 attempts a minute fail in processing (6 %); declined cards are not failures.
        alert: "PaymentProcessingFailures",
        severity: "critical",
        team: "devops",
        responseTime: "5m",
        firing: payments({ failed: 6, declined: 4, succeeded: 90 }),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "6% of payment attempts in caresync-api (caresync) fail in processing.",
        healthy: payments({ failed: 4, declined: 30, succeeded: 66 }),
    },
];

/** OmniCare's performance targets as seed 002 gives them: p95 API latency 200 ms, p95 query time 100 ms, errors 0.1 %. */
export const omnicareTargets = { apiLatencyP95Ms: 200, dbQueryP95Ms: 100, errorRatePercent: 0.1 };

/** The alerts at those targets: each fires just past its target and stays silent just inside it. */
export const targetAlertFixtures: AlertFixture[] = [
    {
        // All requests between 200 and 500 ms: p95 = 0.2 + 0.95 × 0.3 = 485 ms.
        alert: "ApiLatencyAboveTarget",
        severity: "medium",
        team: "devops",
        responseTime: "1h",
        firing: latencies("0.5", ["0.1", "0.2", "0.5", "1", "+Inf"]),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "95th percentile response time of caresync-api in caresync is 485ms; the target is 200 ms.",
        // All between 100 and 200 ms: p95 = 195 ms.
        healthy: latencies("0.2", ["0.1", "0.2", "0.5", "1", "+Inf"]),
    },
    {
        // All queries between 100 and 250 ms: p95 = 0.1 + 0.95 × 0.15 = 242.5 ms.
        alert: "DatabaseQueryLatencyAboveTarget",
        severity: "medium",
        team: "dba",
        responseTime: "1h",
        firing: latencies("0.25", ["0.05", "0.1", "0.25", "+Inf"], "pg_query_duration_seconds"),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "95th percentile query time of caresync-api in caresync is 242.5ms; the target is 100 ms.",
        // All between 50 and 100 ms: p95 = 97.5 ms.
        healthy: latencies("0.1", ["0.05", "0.1", "0.25", "+Inf"], "pg_query_duration_seconds"),
    },
    {
        alert: "ErrorRateAboveTarget",
        severity: "medium",
        team: "devops",
        responseTime: "1h",
        firing: requests(2, 998),
        firesAt: 6,
        labels: { namespace: "caresync", job: "caresync-api" },
        description: "0.2% of requests to caresync-api in caresync fail with 5xx; the target is 0.1 %.",
        healthy: requests(1, 1999),
    },
];
