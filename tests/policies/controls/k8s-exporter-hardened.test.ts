import { blackboxExporterValues, postgresExporterValues, redisExporterValues } from "../../../components/monitoring/exporters";
import { res, specControl } from "../../support/controls";
import { asChart, RELEASE } from "../baselines/monitoring";

/** The exporters as careplane runs them (redis's address resolved, as a plan records it). */
const postgresValues = postgresExporterValues({ host: "db.internal", identifier: "caresync-prod-db", databaseName: "caresync" });
const redisValues = {
    ...redisExporterValues({ host: "cache.internal", identifier: "caresync-prod-redis", user: "redis-exporter" }),
    redisAddress: "rediss://cache.internal:6379",
};
const blackboxValues = blackboxExporterValues({ url: "https://prod.caresync.example.org/" });
const blackbox = (values: Record<string, unknown>) =>
    res(RELEASE, "blackbox-exporter", { chart: "prometheus-blackbox-exporter", version: "9.6.0", namespace: "monitoring", values });
const postgres = (values: Record<string, unknown>) =>
    res(RELEASE, "postgres-exporter", { chart: "prometheus-postgres-exporter", version: "7.3.0", namespace: "monitoring", values });
const redis = (values: Record<string, unknown>) =>
    res(RELEASE, "redis-exporter", { chart: "prometheus-redis-exporter", version: "6.20.0", namespace: "monitoring", values });
specControl("careplane-k8s-exporter-hardened", {
    passes: [
        { it: "postgres_exporter as careplane runs it", fixtures: [postgres(postgresValues)] },
        { it: "redis_exporter as careplane runs it", fixtures: [redis(redisValues)] },
        { it: "blackbox_exporter as careplane runs it (no login to check)", fixtures: [blackbox(blackboxValues)] },
        {
            it: "postgres_exporter reading a whole data source name from a Secret",
            fixtures: [
                postgres({
                    ...postgresValues,
                    config: { datasourceSecret: { name: "pg-dsn", key: "dsn" } },
                }),
            ],
        },
        { it: "another chart", fixtures: [res(RELEASE, "eso", { chart: "external-secrets", values: { image: { tag: "latest" } } })] },
        { it: "postgres_exporter as a helm.sh/v4 Chart", fixtures: [asChart(postgres(postgresValues))] },
    ],
    fails: [
        {
            it: "a database password in the values",
            fixtures: [
                postgres({
                    ...postgresValues,
                    config: { ...postgresValues.config, datasource: { ...postgresValues.config.datasource, password: "Hospital2024!" } },
                }),
            ],
            message: "postgres-exporter (kubernetes:helm.sh/v3:Release): a database or cache credential is written in the chart values",
        },
        {
            it: "postgres_exporter whose password comes from nowhere (the chart renders its own Secret)",
            fixtures: [
                postgres({
                    ...postgresValues,
                    config: { ...postgresValues.config, datasource: { ...postgresValues.config.datasource, passwordSecret: {} } },
                }),
            ],
            message: "the exporter's login does not come from an existing Secret",
        },
        {
            it: "redis_exporter with AUTH off",
            fixtures: [redis({ ...redisValues, auth: { enabled: false } })],
            message: "redis-exporter (kubernetes:helm.sh/v3:Release): the exporter's login does not come from an existing Secret",
        },
        {
            it: "redis_exporter with the AUTH token in the values (and in a Secret)",
            fixtures: [redis({ ...redisValues, auth: { ...redisValues.auth, redisPassword: "token-in-values" } })],
            message: "a database or cache credential is written in the chart values",
        },
        {
            it: "an image left to the chart's default tag",
            fixtures: [redis({ ...redisValues, image: { repository: "oliver006/redis_exporter" } })],
            message: "the image tag is left to the chart",
        },
        {
            it: "the latest image",
            fixtures: [postgres({ ...postgresValues, image: { ...postgresValues.image, tag: "latest" } })],
            message: "the image tag is latest",
        },
        {
            it: "a writable root file system",
            fixtures: [
                postgres({ ...postgresValues, securityContext: { ...postgresValues.securityContext, readOnlyRootFilesystem: false } }),
            ],
            message: "the container's securityContext lacks readOnlyRootFilesystem: true",
        },
        {
            it: "no securityContext at all",
            fixtures: [redis({ ...redisValues, securityContext: {} })],
            message: "lacks runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false",
        },
        {
            it: "blackbox_exporter on its chart's default image tag",
            fixtures: [blackbox({ ...blackboxValues, image: { repository: "prometheus/blackbox-exporter" } })],
            message: "blackbox-exporter (kubernetes:helm.sh/v3:Release): the image tag is left to the chart",
        },
        {
            it: "blackbox_exporter allowed to escalate privileges",
            fixtures: [
                blackbox({ ...blackboxValues, securityContext: { ...blackboxValues.securityContext, allowPrivilegeEscalation: true } }),
            ],
            message: "the container's securityContext lacks allowPrivilegeEscalation: false",
        },
        {
            it: "no memory limit",
            fixtures: [redis({ ...redisValues, resources: { requests: redisValues.resources.requests, limits: { cpu: "200m" } } })],
            message: "the container has no limits.memory",
        },
        {
            it: "a database password in the values of a helm.sh/v4 Chart",
            fixtures: [
                asChart(
                    postgres({
                        ...postgresValues,
                        config: {
                            ...postgresValues.config,
                            datasource: { ...postgresValues.config.datasource, password: "Hospital2024!" },
                        },
                    }),
                ),
            ],
            message: "postgres-exporter (kubernetes:helm.sh/v4:Chart): a database or cache credential is written in the chart values",
        },
    ],
});
