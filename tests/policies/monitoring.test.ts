import { blackboxExporterValues, postgresExporterValues, redisExporterValues } from "../../components/monitoring/exporters";
import { aws, res, specControl } from "../support/controls";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CHART = "kubernetes:helm.sh/v4:Chart";

/** Grafana as careplane runs it: the admin login from a synced Secret, no anonymous access. */
const grafana = {
    enabled: true,
    admin: { existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" },
    "grafana.ini": { "auth.anonymous": { enabled: false } },
};
const stack = (values: Record<string, unknown>) =>
    res(RELEASE, "monitoring", { chart: "kube-prometheus-stack", version: "79.5.0", namespace: "monitoring", values });

specControl("careplane-k8s-grafana-authenticated", {
    passes: [
        { it: "kube-prometheus-stack with Grafana off", fixtures: [stack({ grafana: { enabled: false } })] },
        { it: "kube-prometheus-stack with Grafana's admin login from a Secret, anonymous access off", fixtures: [stack({ grafana })] },
        {
            it: "the grafana chart (by repository path) with its admin login from a Secret",
            fixtures: [res(RELEASE, "grafana", { chart: "grafana/grafana", values: { admin: { existingSecret: "grafana-admin" } } })],
        },
        {
            it: "another chart whose values say nothing of Grafana",
            fixtures: [res(RELEASE, "eso", { chart: "external-secrets", values: { adminPassword: "not-grafana" } })],
        },
    ],
    fails: [
        {
            it: "kube-prometheus-stack that leaves Grafana on by default, with the chart's public password",
            fixtures: [stack({})],
            message:
                "monitoring (kubernetes:helm.sh/v3:Release): Grafana's admin login does not come from an existing Secret, so the chart's public default password (or one in the values) applies",
        },
        {
            it: "an admin password in the values beside the Secret",
            fixtures: [stack({ grafana: { ...grafana, adminPassword: "Hospital2024!" } })],
            message: "an admin password is written in the chart values",
        },
        {
            it: "an admin password through Grafana's environment",
            fixtures: [stack({ grafana: { ...grafana, env: { GF_SECURITY_ADMIN_PASSWORD: "Hospital2024!" } } })],
            message: "an admin password is written in the chart values",
        },
        {
            it: "anonymous access on",
            fixtures: [stack({ grafana: { ...grafana, "grafana.ini": { "auth.anonymous": { enabled: true, org_role: "Viewer" } } } })],
            message: "anonymous access is on",
        },
        {
            it: "anonymous access on through Grafana's environment",
            fixtures: [stack({ grafana: { ...grafana, env: { GF_AUTH_ANONYMOUS_ENABLED: "true" } } })],
            message: "anonymous access is on",
        },
        {
            it: "the grafana chart from an OCI registry (helm v4 Chart) without a Secret",
            fixtures: [res(CHART, "grafana", { chart: "oci://ghcr.io/grafana/helm-charts/grafana", values: {} })],
            message: "grafana (kubernetes:helm.sh/v4:Chart): Grafana's admin login does not come from an existing Secret",
        },
    ],
});

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
    ],
});

const SLACK = "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration";
const channelPolicy = "arn:aws:iam::123456789012:policy/alarms-chatbot";
/** A Slack channel as careplane configures it: its role's own read-alarms policy as guardrail, members' own roles. */
const slackChannel = (inputs: Record<string, unknown> = {}) =>
    aws(
        SLACK,
        "alarms-slack",
        {
            configurationName: "caresync-prod-alarms",
            slackTeamId: "T0CARESYNC",
            slackChannelId: "C0ALERTS",
            iamRoleArn: "arn:aws:iam::123456789012:role/caresync-prod-chatbot-slack",
            guardrailPolicyArns: [channelPolicy],
            userAuthorizationRequired: true,
            ...inputs,
        },
        {},
        "prod",
        "internal",
    );

specControl("careplane-chatbot-channel-guarded", {
    passes: [
        { it: "a channel guarded by its role's own policy, members using their own roles", fixtures: [slackChannel()] },
        {
            it: "a Teams channel with the same guards",
            fixtures: [
                aws("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration", "alarms-teams", {
                    guardrailPolicyArns: [channelPolicy],
                    userAuthorizationRequired: true,
                }),
            ],
        },
    ],
    fails: [
        {
            it: "a channel without guardrails (Chatbot's default is AdministratorAccess)",
            fixtures: [slackChannel({ guardrailPolicyArns: undefined })],
            message: "it has no guardrail policy, so Chatbot applies AdministratorAccess to what channel members may do",
        },
        {
            it: "a channel guarded by AdministratorAccess",
            fixtures: [slackChannel({ guardrailPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })],
            message: "its guardrails allow arn:aws:iam::aws:policy/AdministratorAccess",
        },
        {
            it: "a channel guarded by ReadOnlyAccess (which reads S3 objects and log events)",
            fixtures: [slackChannel({ guardrailPolicyArns: [channelPolicy, "arn:aws:iam::aws:policy/ReadOnlyAccess"] })],
            message: "its guardrails allow arn:aws:iam::aws:policy/ReadOnlyAccess",
        },
        {
            it: "a channel whose members all act as the channel role",
            fixtures: [slackChannel({ userAuthorizationRequired: false })],
            message: "every channel member acts as the channel role",
        },
    ],
});
