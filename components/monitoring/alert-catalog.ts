// The alert catalog: the union of the five seed systems' alerts, as data. Figures in brackets
// name the seed (shared/seeds/00N); where two seeds disagree, the entry says which one it follows.

/** Seed documents the figures come from. */
export type Seed = "000" | "001" | "002" | "003" | "004";

export const severities = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof severities)[number];

/**
 * The teams an alert can belong to [002, 003: DevOps on-call, DBA team, Security team]. Each alert names
 * its owner; the owner's mailing list gets its email, whatever the severity's other channels.
 */
export const teams = ["devops", "dba", "security"] as const;
export type Team = (typeof teams)[number];

export interface SeverityLevel {
    /** Incident priority [001: P1 critical … P4 low]. */
    priority: "P1" | "P2" | "P3" | "P4";
    /** What the level means [001 alert classification]. */
    meaning: string;
    /** How soon someone must respond, unless an alert says otherwise [002 alert response matrix]. */
    responseTime: string;
    /** Where the notification goes [001 escalation procedures; low is our choice]. */
    channels: ReadonlyArray<"pagerduty" | "slack" | "email">;
}

export const severityLevels: Record<Severity, SeverityLevel> = {
    critical: {
        priority: "P1",
        meaning: "system down, data loss, security breach",
        responseTime: "5m",
        channels: ["pagerduty", "slack", "email"],
    },
    high: { priority: "P2", meaning: "degraded performance, high error rates", responseTime: "30m", channels: ["slack", "email"] },
    medium: { priority: "P3", meaning: "minor issues, performance warnings", responseTime: "1h", channels: ["slack"] },
    // 002 answers certificate expiry within 24 h: a mail to the on-call list, nobody paged.
    low: { priority: "P4", meaning: "informational", responseTime: "24h", channels: ["email"] },
};

export interface AlertDefinition {
    /** The alertname; also the runbook anchor (lower case). */
    name: string;
    /** The rule group (and PrometheusRule object) the alert belongs to. */
    group: string;
    severity: Severity;
    /** The team that answers it. */
    team: Team;
    /** PromQL; true (non-empty) while the condition holds. */
    expr: string;
    /** How long the condition must hold before the alert fires. */
    for: string;
    /** The threshold in words, for the catalog table. */
    threshold: string;
    summary: string;
    /** May use {{ $labels.x }} and {{ $value }} (Prometheus alert templating). */
    description: string;
    sources: Seed[];
    /** Overrides the severity's response time where a seed names one for this alert. */
    responseTime?: string;
    /** Lower-tier alerts on the same signal that this one silences while it fires. */
    inhibits?: string[];
}

/** 5xx responses as a fraction of all responses, per service. */
export const errorRatio =
    'sum by (namespace, job) (rate(http_requests_total{status=~"5.."}[5m])) / sum by (namespace, job) (rate(http_requests_total[5m]))';

/** The label every service's scraped series carry: its tier, whatever the service is called. */
export const TIER_LABEL = "tier";

/** A quantile (0.95 for p95) of the services' response times, per service. */
export const latencyQuantile = (q: number) =>
    `histogram_quantile(${q}, sum by (namespace, job, le) (rate(http_request_duration_seconds_bucket[5m])))`;

/** 95th percentile of the services' response times, per service. */
export const p95Latency = latencyQuantile(0.95);

/** Container usage over its limit, per container. */
export const usageOverLimit = (usage: string, resource: "cpu" | "memory") =>
    `sum by (namespace, pod, container) (${usage}) / sum by (namespace, pod, container) (kube_pod_container_resource_limits{resource="${resource}"})`;

/** Container CPU and memory as the kubelet's cAdvisor reports them (the pause container left out). */
export const containerCpu = 'rate(container_cpu_usage_seconds_total{container!=""}[5m])';
export const containerMemory = 'container_memory_working_set_bytes{container!=""}';

/** The share of each node filesystem in use (tmpfs, overlay and squashfs left out). */
export const filesystemUsed =
    '1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"}';

/** Each PostgreSQL server's connections in use, over its max_connections (postgres_exporter). */
export const connectionsUsed = "sum by (instance) (pg_stat_activity_count) / max by (instance) (pg_settings_max_connections)";

/** Each replica's lag behind its primary in seconds (postgres_exporter). */
export const replicationLag = "max by (instance) (pg_replication_lag_seconds)";

/** Deadlocks per database over the last five minutes (postgres_exporter). */
export const recentDeadlocks = "sum by (instance, datname) (increase(pg_stat_database_deadlocks[5m]))";

/** Each Redis server's used memory over its maxmemory (redis_exporter; servers without a limit left out). */
export const redisMemoryUsed = "max by (instance) (redis_memory_used_bytes) / max by (instance) (redis_memory_max_bytes > 0)";

export const alertCatalog: readonly AlertDefinition[] = [
    {
        name: "ApiDown",
        group: "availability",
        severity: "critical",
        team: "devops",
        expr: `up{${TIER_LABEL}="api"} == 0`,
        for: "1m",
        threshold: "scrape target `up == 0` for 1 m",
        summary: "API target down",
        description: "Prometheus cannot scrape {{ $labels.job }} at {{ $labels.instance }} in {{ $labels.namespace }}.",
        sources: ["001", "002"],
    },
    {
        name: "DatabaseDown",
        group: "availability",
        severity: "critical",
        team: "dba",
        expr: "sum by (namespace, job) (database_connections_active) == 0",
        for: "2m",
        threshold: "no active database connections for 2 m",
        summary: "Database is down",
        description: "{{ $labels.job }} in {{ $labels.namespace }} holds no active database connections.",
        sources: ["000"],
    },
    {
        name: "HighErrorRate",
        group: "errors",
        severity: "critical",
        team: "devops",
        expr: `${errorRatio} > 0.05`,
        for: "5m",
        threshold: "5xx above 5 % of requests for 5 m",
        summary: "High error rate detected",
        description: "{{ $value | humanizePercentage }} of requests to {{ $labels.job }} in {{ $labels.namespace }} fail with 5xx.",
        sources: ["000", "002"],
        responseTime: "15m",
        inhibits: ["ElevatedErrorRate", "ModerateErrorRate", "ServerErrorRate"],
    },
    {
        // 001's escalation table as written: an absolute rate, per series (each status code of each
        // target), beside the ratio rules above. 001 gives no hold time; 5 m like those.
        name: "ServerErrorRate",
        group: "errors",
        severity: "high",
        team: "devops",
        expr: 'rate(http_requests_total{status=~"5.."}[5m]) > 0.1',
        for: "5m",
        threshold: "more than 0.1 5xx responses/s of one status for 5 m",
        summary: "High rate of 5xx responses",
        description:
            '{{ $labels.job }} in {{ $labels.namespace }} answers {{ $value | printf "%.2f" }} requests/s with {{ $labels.status }}.',
        sources: ["001"],
    },
    {
        name: "ElevatedErrorRate",
        group: "errors",
        severity: "high",
        team: "devops",
        expr: `${errorRatio} > 0.01`,
        for: "5m",
        threshold: "5xx above 1 % of requests for 5 m",
        summary: "Elevated error rate",
        description: "{{ $value | humanizePercentage }} of requests to {{ $labels.job }} in {{ $labels.namespace }} fail with 5xx.",
        sources: ["001", "004"],
        inhibits: ["ModerateErrorRate"],
    },
    {
        name: "ModerateErrorRate",
        group: "errors",
        severity: "medium",
        team: "devops",
        expr: `${errorRatio} > 0.005`,
        for: "5m",
        threshold: "5xx above 0.5 % of requests for 5 m",
        summary: "Moderate error rate",
        description: "{{ $value | humanizePercentage }} of requests to {{ $labels.job }} in {{ $labels.namespace }} fail with 5xx.",
        sources: ["004"],
    },
    {
        // 000 rates p95 > 5 s a warning and 001 medium, but 004 already rates p95 > 1 s high: a
        // strictly worse condition must not rank lower, so this one is high and silences that one.
        name: "SlowResponseTime",
        group: "latency",
        severity: "high",
        team: "devops",
        expr: `${p95Latency} > 5`,
        for: "5m",
        threshold: "p95 above 5 s for 5 m",
        summary: "Slow response times detected",
        description: "95th percentile response time of {{ $labels.job }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}.",
        sources: ["000", "001"],
        inhibits: ["ElevatedResponseTime"],
    },
    {
        name: "ElevatedResponseTime",
        group: "latency",
        severity: "high",
        team: "devops",
        expr: `${p95Latency} > 1`,
        for: "5m",
        threshold: "p95 above 1 s for 5 m",
        summary: "Response times above 1 s",
        description: "95th percentile response time of {{ $labels.job }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}.",
        sources: ["004"],
    },
    {
        // 003 alerts at 90 active connections of PostgreSQL's default 100; as a ratio it holds for
        // any instance size. postgres_exporter counts connections per database and state
        // (pg_stat_activity_count): every state holds a connection slot, so all are summed.
        name: "DatabaseConnectionPoolExhausted",
        group: "database",
        severity: "high",
        team: "dba",
        expr: `${connectionsUsed} > 0.9`,
        for: "2m",
        threshold: "active connections above 90 % of max_connections for 2 m",
        summary: "PostgreSQL connection pool near capacity",
        description: "{{ $labels.instance }} uses {{ $value | humanizePercentage }} of its max_connections.",
        sources: ["002", "003"],
    },
    {
        // No seed gives a figure; 5 minutes is a twelfth of the 1 h RPO [000].
        name: "ReplicationLag",
        group: "database",
        severity: "high",
        team: "dba",
        expr: `${replicationLag} > 300`,
        for: "5m",
        threshold: "replica lag above 300 s for 5 m",
        summary: "PostgreSQL replica lagging",
        description: "Replica {{ $labels.instance }} is {{ $value | humanizeDuration }} behind its primary.",
        sources: ["002", "003"],
    },
    {
        // Lock contention [002]. postgres_exporter's locks collector counts pg_locks by mode, granted or
        // waiting. An ACCESS EXCLUSIVE lock (ALTER TABLE, VACUUM FULL, LOCK TABLE) blocks every reader of
        // its table; the application never takes one, so one held for 5 minutes is a stuck migration or
        // a manual lock, and every query on that table is queueing behind it.
        name: "PostgresLockContention",
        group: "database",
        severity: "high",
        team: "dba",
        expr: 'max by (instance, datname) (pg_locks_count{mode="accessexclusivelock"}) > 0',
        for: "5m",
        threshold: "an ACCESS EXCLUSIVE lock held for 5 m",
        summary: "PostgreSQL table locked against readers",
        description:
            "{{ $labels.datname }} on {{ $labels.instance }} holds {{ $value }} ACCESS EXCLUSIVE lock(s): queries on those tables wait.",
        sources: ["002"],
    },
    {
        // Lock contention at its worst [002]: PostgreSQL broke a deadlock by aborting a transaction, which
        // the application saw as an error. No seed gives a figure: every one is worth a look.
        name: "PostgresDeadlocks",
        group: "database",
        severity: "medium",
        team: "dba",
        expr: `${recentDeadlocks} > 0`,
        for: "0m",
        threshold: "any deadlock in 5 m",
        summary: "PostgreSQL deadlocks",
        description:
            '{{ $labels.datname }} on {{ $labels.instance }} aborted {{ $value | printf "%.0f" }} transaction(s) to break deadlocks in 5 minutes.',
        sources: ["002"],
    },
    {
        name: "RedisMemoryHigh",
        group: "cache",
        severity: "high",
        team: "devops",
        expr: `${redisMemoryUsed} > 0.8`,
        for: "5m",
        threshold: "used memory above 80 % of maxmemory for 5 m",
        summary: "Redis memory near maxmemory",
        description: "{{ $labels.instance }} uses {{ $value | humanizePercentage }} of maxmemory; allkeys-lru evicts sessions beyond it.",
        sources: ["003", "004"],
    },
    {
        // 004 rates CPU/memory above 80 % high, 002 medium; both answer within the hour.
        name: "HighCpu",
        group: "resources",
        severity: "high",
        team: "devops",
        expr: `${usageOverLimit(containerCpu, "cpu")} > 0.8`,
        for: "5m",
        threshold: "container CPU above 80 % of its limit for 5 m",
        summary: "Container CPU above 80 % of its limit",
        description:
            "{{ $labels.container }} in {{ $labels.namespace }}/{{ $labels.pod }} uses {{ $value | humanizePercentage }} of its CPU limit.",
        sources: ["002", "004"],
        responseTime: "1h",
    },
    {
        name: "HighMemory",
        group: "resources",
        severity: "high",
        team: "devops",
        expr: `${usageOverLimit(containerMemory, "memory")} > 0.8`,
        for: "5m",
        threshold: "container memory above 80 % of its limit for 5 m",
        summary: "Container memory above 80 % of its limit",
        description:
            "{{ $labels.container }} in {{ $labels.namespace }}/{{ $labels.pod }} uses {{ $value | humanizePercentage }} of its memory limit.",
        sources: ["002", "004"],
        responseTime: "1h",
    },
    {
        name: "DiskSpaceHigh",
        group: "resources",
        severity: "medium",
        team: "devops",
        expr: `${filesystemUsed} > 0.8`,
        for: "5m",
        threshold: "filesystem above 80 % full for 5 m",
        summary: "Disk space above 80 %",
        description: "{{ $labels.mountpoint }} on {{ $labels.instance }} is {{ $value | humanizePercentage }} full.",
        sources: ["004"],
    },
    {
        name: "DeploymentFailed",
        group: "resources",
        severity: "high",
        team: "devops",
        expr: 'kube_deployment_status_condition{condition="Progressing", status="false"} == 1',
        for: "1m",
        threshold: "rollout stopped progressing for 1 m",
        summary: "Deployment rollout failed",
        description: "{{ $labels.namespace }}/{{ $labels.deployment }} exceeded its progress deadline.",
        sources: ["004"],
    },
    {
        // No seed gives a figure: certbot renews with 30 days left [001 checks renewal weekly], so
        // 21 days left means renewal has failed for over a week.
        name: "CertificateExpiry",
        group: "certificates",
        severity: "low",
        team: "devops",
        expr: "probe_ssl_earliest_cert_expiry - time() < 21 * 86400",
        for: "1h",
        threshold: "TLS certificate expires within 21 days",
        summary: "TLS certificate expires soon",
        description: "The certificate served at {{ $labels.instance }} expires in {{ $value | humanizeDuration }}.",
        sources: ["001", "002"],
    },
    {
        name: "HighProvisioningFailureRate",
        group: "provisioning",
        severity: "high",
        team: "devops",
        expr: 'sum by (namespace, job) (rate(provisioning_jobs_total{status="failure"}[5m])) > 0.1',
        for: "5m",
        threshold: "more than 0.1 failed provisioning jobs/s for 5 m",
        summary: "High provisioning failure rate detected",
        description: '{{ $labels.job }} in {{ $labels.namespace }} fails {{ $value | printf "%.2f" }} provisioning jobs per second.',
        sources: ["003"],
    },
    {
        name: "ProvisioningQueueBacklog",
        group: "provisioning",
        severity: "medium",
        team: "devops",
        expr: "max by (namespace, job) (provisioning_queue_depth) > 100",
        for: "5m",
        threshold: "more than 100 queued provisioning jobs for 5 m",
        summary: "Provisioning queue backlog growing",
        description: "{{ $value }} provisioning jobs wait in the queue of {{ $labels.job }} in {{ $labels.namespace }}.",
        sources: ["003"],
    },
    {
        // 004 pages on payment processing failures (critical) and names no figure. The application counts
        // each payment attempt by outcome (payment_attempts_total{outcome="succeeded|declined|failed"},
        // examples/healthbridge/README.md): a declined card is the payer's answer, not a failure; "failed"
        // is the payment provider or the system erroring. The bar is 000's critical error rate, 5 %.
        name: "PaymentProcessingFailures",
        group: "payments",
        severity: "critical",
        team: "devops",
        expr: 'sum by (namespace, job) (rate(payment_attempts_total{outcome="failed"}[5m])) / sum by (namespace, job) (rate(payment_attempts_total[5m])) > 0.05',
        for: "5m",
        threshold: "more than 5 % of payment attempts failing for 5 m",
        summary: "Payment processing failing",
        description:
            "{{ $value | humanizePercentage }} of payment attempts in {{ $labels.job }} ({{ $labels.namespace }}) fail in processing.",
        sources: ["004"],
    },
    {
        // HIPAA log-in monitoring, 164.308(a)(5)(ii)(C) [002]. No seed gives a figure: more than 5
        // failures a minute across a service is far above people mistyping a password.
        name: "FailedAuthenticationSpike",
        group: "hipaa",
        severity: "high",
        team: "security",
        expr: "sum by (namespace, job) (rate(authentication_failures_total[5m])) * 60 > 5",
        for: "2m",
        threshold: "more than 5 failed sign-ins a minute for 2 m",
        summary: "Spike in failed authentication attempts",
        description: '{{ $labels.job }} in {{ $labels.namespace }} rejects {{ $value | printf "%.1f" }} sign-ins a minute.',
        sources: ["002"],
    },
    {
        // HIPAA audit controls, 164.312(b) [002: audit log generation]: PHI access that leaves no
        // audit record is a compliance failure, not a performance one.
        name: "AuditLogGap",
        group: "hipaa",
        severity: "high",
        team: "security",
        expr: "sum by (namespace, job) (increase(audit_log_entries_total[15m])) == 0",
        for: "5m",
        threshold: "no audit-log entry written for 20 m",
        summary: "Audit log generation stopped",
        description: "{{ $labels.job }} in {{ $labels.namespace }} has written no audit-log entry for 20 minutes.",
        sources: ["002"],
    },
];

/** The response time an alert must be answered in. */
export function responseTimeOf(alert: AlertDefinition): string {
    return alert.responseTime ?? severityLevels[alert.severity].responseTime;
}
