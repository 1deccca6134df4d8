// The exporters that feed the catalog's database, cache and certificate rules: postgres_exporter and
// redis_exporter, each reading its login from a Secret that External Secrets syncs, and blackbox_exporter
// probing the public endpoint; each a pinned prometheus-community chart in the monitoring namespace,
// scraped through a ServiceMonitor Prometheus selects.
import * as pulumi from "@pulumi/pulumi";
import { SCRAPE_LABELS, SecretKeyMapping } from "./kube-prometheus-stack";
import { resourcesOf } from "../compute/cluster-controllers";
import { RDS_CA_CONFIG_MAP, RDS_CA_FILE_NAME, RDS_CA_MOUNT_DIR } from "../data/rds-ca";
import { dataStorePorts } from "../network/data-stores";

const REPO = "https://prometheus-community.github.io/helm-charts";

/** The charts and images, pinned: an upgrade is a reviewed change (chart 7.3.0 ships postgres_exporter v0.18.1, 6.20.0 redis_exporter v1.80.0). */
export const postgresExporterChart = { chart: "prometheus-postgres-exporter", version: "7.3.0", repo: REPO } as const;
export const redisExporterChart = { chart: "prometheus-redis-exporter", version: "6.20.0", repo: REPO } as const;
/** Chart 9.6.0 ships blackbox_exporter v0.26.0. */
export const blackboxExporterChart = { chart: "prometheus-blackbox-exporter", version: "9.6.0", repo: REPO } as const;
const postgresExporterImage = { registry: "quay.io", repository: "prometheuscommunity/postgres-exporter", tag: "v0.18.1" };
// The project's quay.io copy, not Docker Hub (anonymous pulls there are rate-limited and the pack keeps images off it).
const redisExporterImage = { repository: "quay.io/oliver006/redis_exporter", tag: "v1.80.0" };
const blackboxExporterImage = { registry: "quay.io", repository: "prometheus/blackbox-exporter", tag: "v0.26.0" };

/** The Secrets (in the monitoring namespace) the exporters read their logins from, with their keys. */
export const POSTGRES_EXPORTER_SECRET = "postgres-exporter";
export const postgresExporterKeys = { user: "username", password: "password" } as const;
export const REDIS_EXPORTER_SECRET = "redis-exporter";
export const redisExporterKeys = { password: "password" } as const;

/** The label of the exporters' pods, which their egress NetworkPolicies select. */
export const EXPORTER_LABEL = "careplane.io/exporter";

/** The images' own non-root users. */
const POSTGRES_EXPORTER_UID = 65534;
const REDIS_EXPORTER_UID = 59000;
const BLACKBOX_EXPORTER_UID = 65534;

/** Every exporter's one container (the capacity check counts it per release). */
export const exporterSize = { cpuMillis: 50, memoryMiB: 64 };
const resources = resourcesOf(exporterSize);

/**
 * What postgres_exporter emits, by the switch that turns it off, from its source: the built-in metric map
 * (cmd/postgres_exporter: `pg_stat_activity` → `pg_stat_activity_count{datname,state}`), the settings
 * (`pg_settings_<name>` for every numeric pg_settings row; the rules read max_connections) and the
 * replication collector (collector/pg_replication.go). Custom queries (`--extend.query-path`) are
 * deprecated upstream, so the catalog reads these names rather than inventing its own.
 */
export const postgresExporterMetrics = {
    defaultMetrics: ["pg_stat_activity_count", "pg_stat_activity_max_tx_duration"],
    settingsMetrics: ["pg_settings_max_connections"],
    replicationCollector: ["pg_replication_lag_seconds", "pg_replication_is_replica"],
    /** collector/pg_locks.go (on by default): pg_locks counted by database and mode, granted or waiting. */
    locksCollector: ["pg_locks_count"],
    /** collector/pg_stat_database.go (on by default): pg_stat_database's counters, deadlocks among them. */
    statDatabaseCollector: ["pg_stat_database_deadlocks"],
} as const;

/** What blackbox_exporter's http prober emits for an https target, whatever the response's status. */
export const blackboxExporterMetrics = ["probe_ssl_earliest_cert_expiry"] as const;

/** What redis_exporter emits from INFO memory, whatever its flags (used_memory, maxmemory). */
export const redisExporterMetrics = ["redis_memory_used_bytes", "redis_memory_max_bytes"] as const;

/** The metric names a postgres_exporter release with these values emits (of those the catalog may read). */
export function postgresMetricsOf(values: ReturnType<typeof postgresExporterValues>): string[] {
    const config = values.config;
    return [
        ...(config.disableDefaultMetrics ? [] : postgresExporterMetrics.defaultMetrics),
        ...(config.disableSettingsMetrics ? [] : postgresExporterMetrics.settingsMetrics),
        ...(config.extraArgs.includes("--no-collector.replication") ? [] : postgresExporterMetrics.replicationCollector),
        ...(config.extraArgs.includes("--no-collector.locks") ? [] : postgresExporterMetrics.locksCollector),
        ...(config.extraArgs.includes("--no-collector.stat_database") ? [] : postgresExporterMetrics.statDatabaseCollector),
    ];
}

/** A container that runs as its image's non-root user on a read-only root, with nothing to escalate to. */
function hardened(uid: number) {
    return {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/**
 * The ServiceMonitor a chart renders: selected by Prometheus, its `instance` the AWS identifier rather than a pod IP,
 * scraped at Prometheus's own interval (`careplane:monitoring.scrapeInterval`; the charts omit an unset interval).
 */
function serviceMonitor(instance: pulumi.Input<string>) {
    return {
        enabled: true,
        labels: { ...SCRAPE_LABELS },
        relabelings: [{ targetLabel: "instance", replacement: instance }],
    };
}

export interface PostgresExporterInput {
    /** The instance's address (the primary's, or a replica's). */
    host: pulumi.Input<string>;
    /** Its RDS identifier: the `instance` label the rules report. */
    identifier: pulumi.Input<string>;
    databaseName: string;
    /** The Secret holding the login it connects with: POSTGRES_EXPORTER_SECRET, or the analytics database's own. */
    loginSecret?: string;
}

/**
 * One postgres_exporter per instance (the primary and each replica), as the monitoring login, over TLS that
 * verifies the server (`sslmode=verify-full`): its name, and a chain to the region's RDS CAs, which the pod mounts
 * from the RDS_CA_CONFIG_MAP ConfigMap (the committed RDS bundle, components/data/rds-ca.ts), since the image trusts no
 * private Amazon CA.
 */
export function postgresExporterValues(p: PostgresExporterInput) {
    return {
        image: { ...postgresExporterImage, pullPolicy: "IfNotPresent" },
        podLabels: { [EXPORTER_LABEL]: "postgres" },
        automountServiceAccountToken: false,
        rbac: { create: false, pspEnabled: false },
        podSecurityContext: { runAsNonRoot: true, runAsUser: POSTGRES_EXPORTER_UID, seccompProfile: { type: "RuntimeDefault" } },
        securityContext: hardened(POSTGRES_EXPORTER_UID),
        resources,
        serviceMonitor: serviceMonitor(p.identifier),
        extraVolumes: [{ name: "rds-ca", configMap: { name: RDS_CA_CONFIG_MAP } }],
        extraVolumeMounts: [{ name: "rds-ca", mountPath: RDS_CA_MOUNT_DIR, readOnly: true }],
        config: {
            datasource: {
                host: p.host,
                port: String(dataStorePorts.postgres),
                database: p.databaseName,
                sslmode: "verify-full",
                // The chart appends these to the connection URI (chart 7.3.0 data_source_uri).
                extraParams: `sslrootcert=${RDS_CA_MOUNT_DIR}/${RDS_CA_FILE_NAME}`,
                userSecret: { name: p.loginSecret ?? POSTGRES_EXPORTER_SECRET, key: postgresExporterKeys.user },
                passwordSecret: { name: p.loginSecret ?? POSTGRES_EXPORTER_SECRET, key: postgresExporterKeys.password },
            },
            disableDefaultMetrics: false,
            disableSettingsMetrics: false,
            extraArgs: [] as string[],
        },
    };
}

/**
 * redis_exporter over TLS (rediss://) as its own read-only RBAC user (`user`, no key, no write), its
 * password from REDIS_EXPORTER_SECRET. ElastiCache's certificates chain to Amazon's public roots, which
 * the image trusts, so the server is verified.
 */
export function redisExporterValues(p: { host: pulumi.Input<string>; identifier: pulumi.Input<string>; user: string }) {
    return {
        image: { ...redisExporterImage, pullPolicy: "IfNotPresent" },
        labels: { [EXPORTER_LABEL]: "redis" },
        rbac: { create: false, pspEnabled: false },
        // Chart 6.20.0 renders both with toYaml; the monitoring namespace enforces the restricted Pod Security level.
        podSecurityContext: { runAsNonRoot: true, runAsUser: REDIS_EXPORTER_UID, seccompProfile: { type: "RuntimeDefault" } },
        securityContext: hardened(REDIS_EXPORTER_UID),
        resources,
        redisAddress: pulumi.interpolate`rediss://${p.host}:${dataStorePorts.redis}`,
        // The chart sets REDIS_USER from redisUser and REDIS_PASSWORD from the Secret.
        auth: { enabled: true, redisUser: p.user, secret: { name: REDIS_EXPORTER_SECRET, key: redisExporterKeys.password } },
        serviceMonitor: serviceMonitor(p.identifier),
    };
}

/** The module the probes use: HTTPS only, so a target that stopped serving TLS fails rather than passes. */
export const BLACKBOX_MODULE = "https_2xx";

/**
 * blackbox_exporter probing the public endpoint over HTTPS (what CertificateExpiry reads): one target,
 * scraped every minute through a ServiceMonitor the chart renders per target, its `instance` the URL. It
 * needs no login; its pod may send only DNS lookups and HTTPS.
 */
export function blackboxExporterValues(p: { url: string }) {
    return {
        image: { ...blackboxExporterImage, pullPolicy: "IfNotPresent" },
        automountServiceAccountToken: false,
        pod: { labels: { [EXPORTER_LABEL]: "blackbox" } },
        podSecurityContext: { runAsNonRoot: true, runAsUser: BLACKBOX_EXPORTER_UID, seccompProfile: { type: "RuntimeDefault" } },
        securityContext: hardened(BLACKBOX_EXPORTER_UID),
        resources,
        config: {
            modules: {
                [BLACKBOX_MODULE]: {
                    prober: "http",
                    timeout: "10s",
                    http: { valid_http_versions: ["HTTP/1.1", "HTTP/2.0"], preferred_ip_protocol: "ip4", fail_if_not_ssl: true },
                },
            },
        },
        serviceMonitor: {
            enabled: true,
            // One TLS handshake a minute is plenty for a 21-day expiry warning, whatever the stack's scrape interval.
            defaults: { labels: { ...SCRAPE_LABELS }, interval: "60s", scrapeTimeout: "30s", module: BLACKBOX_MODULE },
            targets: [{ name: "public-endpoint", url: p.url }],
        },
    };
}

/** Which key of POSTGRES_EXPORTER_SECRET each property of the monitoring login's entry fills. */
export const postgresExporterSecretKeys: SecretKeyMapping[] = [
    { secretKey: postgresExporterKeys.user, property: "username" },
    { secretKey: postgresExporterKeys.password, property: "password" },
];

/** Which key of REDIS_EXPORTER_SECRET redis_exporter's entry's password fills. */
export const redisExporterSecretKeys: SecretKeyMapping[] = [{ secretKey: redisExporterKeys.password, property: "password" }];
