import { POSTGRES_EXPORTER_ROLE } from "../failover/pilot-light-readers";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AlarmTargets, cloudWatchAlarms, onAnyEvent } from "./cloudwatch-alarms";
import { AlertDefinition, severityLevels, TIER_LABEL } from "./alert-catalog";
import { teamEmails } from "../config/schema/monitoring";
import { stackAlerts } from "./alert-targets";
import { AlarmRoutes } from "./alarm-routes";
import { EventRoute, SecurityAlerts } from "./event-routes";
import { metricAlarm } from "./metric-alarm";
import {
    blackboxExporterChart,
    blackboxExporterValues,
    EXPORTER_LABEL,
    POSTGRES_EXPORTER_SECRET,
    postgresExporterChart,
    postgresExporterSecretKeys,
    postgresExporterValues,
    REDIS_EXPORTER_SECRET,
    redisExporterChart,
    redisExporterSecretKeys,
    redisExporterValues,
} from "./exporters";
import { RuleGroup, ruleGroups } from "./prometheus-rules";
import { DASHBOARD_LABEL, dashboardModel, dashboards } from "./dashboards";
import {
    GRAFANA_SECRET,
    grafanaAdminSecretKeys,
    entryExternalSecretSpec,
    SecretKeyMapping,
    kubePrometheusStack,
    kubePrometheusStackValues,
    METRICS_PATH,
    MONITORING_NAMESPACE,
    NODE_EXPORTER_NAMESPACE,
    PROMETHEUS_RELEASE,
    RECEIVER_SECRET,
    receiverSecretKeys,
    RULE_LABELS,
    SCRAPE_LABELS,
} from "./kube-prometheus-stack";
import { irsaServiceAccount, secretSync } from "../cluster/secret-sync";
import { Routing } from "../compute/ingress";
import { MonitoringConfig } from "../config/schema/monitoring";
import { ServicesConfig } from "../config/schema/services";
import { dnsEgress } from "../compute/workloads";
import { dataStorePorts } from "../network/data-stores";
import { RDS_CA_CONFIG_MAP, RDS_CA_FILE_NAME, rdsCaBundleFor } from "../data/rds-ca";
import { fencedNamespace, podSecurityLabels } from "../compute/namespaces";
import { podSecurityGroups } from "../compute/pod-security-groups";
import { serviceSelector, standardLabels } from "../compute/labels";
import { PlatformContext } from "../context";
import { pinnedRelease } from "../cluster/pinned-release";
import { attachPolicy } from "../security/iam";
import { addSecretReader, entryReaderPolicy, SecretReaders } from "../security/secret-read-policies";

/** The endpoint CertificateExpiry watches: the stack's own load balancer's name, or the internal one's when it routes nothing. */
function probedHostname(routing: Routing): string {
    const [first] = routing.bySchemes();
    return routing.hostnameFor(first ? first[0] : routing.scheme);
}

/** Without a configured runbook URL, alerts name the runbooks' path in this repository. */
const REPOSITORY_RUNBOOKS = "docs/runbooks.md";

export interface ClusterMonitoringArgs {
    /** The Kubernetes provider of the stack's EKS cluster. */
    provider: k8s.Provider;
    /** The namespace the services run in: their alert rules are declared beside them. */
    namespace: pulumi.Input<string>;
    /** The cluster's IAM OIDC provider, which the receivers' SecretStore role trusts (IRSA). */
    oidcProviderArn: pulumi.Input<string>;
    /** The OIDC issuer URL without its scheme. */
    oidcIssuerHost: pulumi.Input<string>;
    /** What the External Secrets objects wait for: the operator that installs their CRDs. */
    externalSecretsOperator?: pulumi.Resource;
    /** The Load Balancer Controller, whose webhook intercepts new Services: the namespaces here wait for it. */
    admissionReady: pulumi.Resource;
    /** The cluster's security group, which the exporters' pods keep beside their data store's client group. */
    clusterSecurityGroupId: pulumi.Input<string>;
    /** The entry holding Alertmanager's receiver credentials (RECEIVER_ENTRY, with receiverEntryKeys). */
    receiverSecret: SecretEntry;
    /** The entry holding Grafana's admin login (GRAFANA_ENTRY); with it, Grafana runs. */
    grafanaSecret?: SecretEntry;
    /** The data stores the exporters scrape; without them, none runs. */
    exporters?: ExporterTargets;
    /** The services whose /metrics Prometheus scrapes (`careplane:services`). */
    services: ServicesConfig;
    /** Where the stack's load balancers answer: the blackbox probe watches the first one's certificate. */
    routing: Routing;
    /** The cluster's Kubernetes minor: the monitoring namespaces' Pod Security labels are pinned to it. */
    kubernetesVersion: string;
    /** Whether the environment runs across AZs: Prometheus and Alertmanager then run two replicas. */
    multiAz: boolean;
}

/** What postgres_exporter and redis_exporter connect to, and with which login. */
export interface ExporterTargets {
    /** The data subnets: the exporters may reach these, on their store's port only. */
    dataSubnetCidrs: string[];
    /** The client groups the data stores admit: each exporter's pods carry their store's (security groups for pods). */
    clientSecurityGroupIds: { postgres: pulumi.Input<string>; redis: pulumi.Input<string> };
    database: {
        /** One exporter each: the primary, each replica and the analytics database (`role` names its release). */
        instances: Array<{ role: string; identifier: pulumi.Input<string>; address: pulumi.Input<string>; databaseName: string }>;
        /** The monitoring login's entry (MONITORING_LOGIN_ENTRY). */
        loginSecret: SecretEntry;
        /**
         * The monitoring login's entry on the analytics database (its own password there, rotated on its own):
         * the `analytics` exporter connects with it.
         */
        analyticsLoginSecret?: SecretEntry;
    };
    cache: {
        identifier: pulumi.Input<string>;
        /** The primary (or, in cluster mode, configuration) endpoint's address. */
        address: pulumi.Input<string>;
        /** redis_exporter's own entry (REDIS_MONITORING_ENTRY): its read-only RBAC user's password. */
        authSecret: SecretEntry;
        /** That user's name. */
        username: string;
    };
}

type ExporterChart = typeof postgresExporterChart | typeof redisExporterChart | typeof blackboxExporterChart;

/** Where a synced entry goes: the monitoring namespace of the stack's cluster. */
interface SyncTarget {
    args: MonitoringArgs;
    cluster: ClusterMonitoringArgs;
    namespace: pulumi.Input<string>;
    labels: Record<string, string>;
}

/** A Secrets Manager entry synced into the Secret (and service account) named serviceAccount. */
interface SyncedEntry {
    entry: SecretEntry;
    /** The IAM role's name, under the stack's prefix. */
    roleName: string;
    /** The service account the SecretStore authenticates as; the Secret and the store carry this name too. */
    serviceAccount: string;
    /** The reader policy's statement id. */
    sid: string;
    /** What the reader policy is for, as its description. */
    purpose: string;
    /** Which key of the synced Secret each property of the entry fills. */
    keys: SecretKeyMapping[];
}

/** A Secrets Manager entry, by its name and ARN. */
export interface SecretEntry {
    name: string;
    arn: pulumi.Input<string>;
    /** A pilot light's replica of its primary's entry: the key it is under here (`careplane:dr.source.secretsKey`). */
    replicaKeyArn?: string;
}

export interface MonitoringArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** ARN of the KMS key that encrypts the stack's Secrets Manager entries. */
    secretsKeyArn: pulumi.Input<string>;
    /** Where the Prometheus stack goes; absent on ECS stacks, which alert through CloudWatch only. */
    cluster?: ClusterMonitoringArgs;
    /** The AWS resources whose CloudWatch metrics are alarmed on. */
    alarms: AlarmTargets;
    /** Where each alarm notifies: the owning team's topic for its severity. */
    routes: AlarmRoutes;
    /** The audit area's detections: alarms on the trail's security metrics, and findings to route. */
    security?: SecurityAlerts;
    /** Alert targets, runbook URL, receivers, scrape interval (`careplane:monitoring`). */
    config: MonitoringConfig;
    /** The environment's availability target in percent (prod 99.9 [000]), drawn on the SLA dashboard; none outside prod. */
    slaPercent: number | undefined;
}

/**
 * Alerting for one stack: the stack's alerts (the catalog and its target alerts) as PrometheusRule objects in a
 * pinned kube-prometheus-stack with Alertmanager routing by team and severity, and CloudWatch alarms on the
 * AWS resources' own metrics, each notifying its route.
 */
export class Monitoring extends pulumi.ComponentResource {
    /** The reader role of each entry it syncs: the entries' policies admit these. */
    readonly secretReaders: SecretReaders = {};
    readonly alarmNames: pulumi.Output<string>[];
    readonly ruleGroupNames: string[];

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:monitoring:Monitoring", name, {}, opts);
        const ctx = args.context;

        this.alarmNames = [...cloudWatchAlarms(args.alarms), ...(args.security?.alarms ?? [])].map(
            (spec) => metricAlarm(`${name}-${spec.key}`, ctx, spec, args.routes, { parent: this }).name,
        );
        for (const route of args.security?.events ?? []) this.routeEvents(name, ctx, route, args.routes);

        const alerts = stackAlerts(args.config.targets);
        const groups = ruleGroups(args.config.runbookBaseUrl ?? REPOSITORY_RUNBOOKS, alerts);
        this.ruleGroupNames = args.cluster ? groups.map((g) => g.name) : [];
        if (args.cluster) this.installPrometheusStack(name, args, args.cluster, groups, alerts);

        this.registerOutputs({ alarmNames: this.alarmNames, ruleGroupNames: this.ruleGroupNames });
    }

    /**
     * Ingress into the monitoring namespace is denied by default; its own pods (Prometheus,
     * Alertmanager, Grafana, the operator) reach each other, and the API server reaches the
     * operator's admission webhook. Scraping is egress from here, so it is not affected.
     */
    private fenceNamespace(
        name: string,
        namespace: pulumi.Input<string>,
        labels: Record<string, string>,
        opts: pulumi.CustomResourceOptions,
    ) {
        const meta = (policy: string) => ({ name: policy, namespace, labels });
        new k8s.networking.v1.NetworkPolicy(
            `${name}-default-deny`,
            { metadata: meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress"] } },
            opts,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-allow-same-namespace`,
            {
                metadata: meta("allow-same-namespace"),
                spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] },
            },
            opts,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-allow-operator-webhook`,
            {
                metadata: meta("allow-operator-webhook"),
                spec: {
                    podSelector: { matchLabels: { app: "kube-prometheus-stack-operator" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ ports: [{ protocol: "TCP", port: 10250 }] }],
                },
            },
            opts,
        );
    }

    /**
     * kube-prometheus-stack in its own namespace, Alertmanager's receiver credentials (and, when the
     * stack runs Grafana, its admin login) synced from Secrets Manager, and the catalog's rule groups
     * as PrometheusRule objects in the services' namespace.
     */
    private installPrometheusStack(
        name: string,
        args: MonitoringArgs,
        cluster: ClusterMonitoringArgs,
        groups: RuleGroup[],
        alerts: AlertDefinition[],
    ) {
        const ctx = args.context;
        const config = args.config;
        const k8sOpts = { parent: this, provider: cluster.provider };
        const labels = standardLabels(ctx, "internal", { "app.kubernetes.io/component": "monitoring" });
        // Credentials live here, so nothing here may run privileged: node-exporter, which reads its host, gets a
        // namespace of its own with no Secret in it.
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: MONITORING_NAMESPACE,
                    labels: { ...podSecurityLabels("restricted", cluster.kubernetesVersion), ...labels },
                },
            },
            { ...k8sOpts, dependsOn: [cluster.admissionReady] },
        );
        const nodeExporter = fencedNamespace(
            `${name}-node-exporter-namespace`,
            {
                name: NODE_EXPORTER_NAMESPACE,
                level: "privileged",
                kubernetesVersion: cluster.kubernetesVersion,
                labels: standardLabels(ctx, "internal", { "app.kubernetes.io/component": "node-exporter" }),
            },
            { ...k8sOpts, dependsOn: [cluster.admissionReady] },
        );
        const ns = namespace.metadata.name;
        this.fenceNamespace(name, ns, labels, k8sOpts);

        const synced = { args, cluster, namespace: ns, labels };
        const receivers = this.syncEntry(`${name}-receivers`, synced, {
            entry: cluster.receiverSecret,
            roleName: "alertmanager-receivers",
            serviceAccount: RECEIVER_SECRET,
            sid: "ReadAlertmanagerReceivers",
            purpose: "Alertmanager's receivers: read their own Secrets Manager entry",
            keys: receiverSecretKeys,
        });
        const grafanaAdmin =
            cluster.grafanaSecret &&
            this.syncEntry(`${name}-grafana-admin`, synced, {
                entry: cluster.grafanaSecret,
                roleName: "grafana-admin",
                serviceAccount: GRAFANA_SECRET,
                sid: "ReadGrafanaAdminLogin",
                purpose: "Grafana: read its admin login's Secrets Manager entry",
                keys: grafanaAdminSecretKeys,
            });
        const release = pinnedRelease(
            `${name}-prometheus`,
            {
                releaseName: PROMETHEUS_RELEASE,
                chart: kubePrometheusStack,
                namespace: ns,
                settle: "rollback",
                values: kubePrometheusStackValues({
                    replicas: cluster.multiAz ? 2 : 1,
                    grafana: grafanaAdmin !== undefined,
                    email: {
                        from: config.senderEmail ?? config.oncallEmail,
                        smarthost: config.smtpSmarthost,
                        username: config.smtpUsername,
                    },
                    teams: teamEmails(config),
                    alerts,
                    scrapeInterval: config.scrapeInterval,
                    evaluationInterval: config.evaluationInterval,
                }),
            },
            {
                ...k8sOpts,
                dependsOn: [receivers, ...(grafanaAdmin ? [grafanaAdmin] : []), nodeExporter.namespace, ...nodeExporter.fence],
            },
        );
        for (const group of groups) {
            new k8s.apiextensions.CustomResource(
                `${name}-${group.name}`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "PrometheusRule",
                    metadata: { name: group.name, namespace: cluster.namespace, labels: { ...labels, ...RULE_LABELS } },
                    spec: { groups: [group] },
                },
                { ...k8sOpts, dependsOn: [release] },
            );
        }
        if (grafanaAdmin) this.installDashboards(name, args, ns, labels, k8sOpts);
        if (cluster.exporters) this.installExporters(name, synced, cluster.exporters, release);
        // The services' own /metrics: one ServiceMonitor per service, beside its Service, labelling its
        // series with the service's tier (ApiDown watches every api-tier service, whatever its name).
        for (const [service, { tier }] of Object.entries(cluster.services)) {
            new k8s.apiextensions.CustomResource(
                `${name}-scrape-${service}`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "ServiceMonitor",
                    metadata: { name: service, namespace: cluster.namespace, labels: { ...labels, ...SCRAPE_LABELS } },
                    spec: {
                        selector: { matchLabels: serviceSelector(service) },
                        endpoints: [
                            {
                                port: "http",
                                path: METRICS_PATH,
                                interval: config.scrapeInterval,
                                scheme: "http",
                                relabelings: [{ targetLabel: TIER_LABEL, replacement: tier }],
                            },
                        ],
                    },
                },
                { ...k8sOpts, dependsOn: [release] },
            );
        }
    }

    /** The SLA, utilization and database dashboards, one ConfigMap each, which Grafana's sidecar loads. */
    private installDashboards(
        name: string,
        args: MonitoringArgs,
        namespace: pulumi.Input<string>,
        labels: Record<string, string>,
        opts: pulumi.CustomResourceOptions,
    ) {
        for (const dashboard of dashboards({ targets: args.config.targets, slaPercent: args.slaPercent })) {
            new k8s.core.v1.ConfigMap(
                `${name}-${dashboard.uid}`,
                {
                    metadata: { name: dashboard.uid, namespace, labels: { ...labels, [DASHBOARD_LABEL.key]: DASHBOARD_LABEL.value } },
                    data: { [`${dashboard.uid}.json`]: JSON.stringify(dashboardModel(dashboard)) },
                },
                opts,
            );
        }
    }

    /**
     * postgres_exporter for each database instance, redis_exporter for the cache and blackbox_exporter for the
     * public endpoint's certificate: pinned charts whose ServiceMonitors Prometheus selects. The first two take
     * their logins from Secrets that External Secrets syncs (each store reading its one entry), and their pods
     * may send only DNS lookups and their store's port to the data subnets; the data stores' security groups
     * admit the app security group, which the nodes (and so the pods, on the VPC CNI) carry.
     */
    private installExporters(name: string, where: SyncTarget, targets: ExporterTargets, release: k8s.helm.v3.Release) {
        const { cluster, namespace, labels } = where;
        const k8sOpts = { parent: this, provider: cluster.provider };
        /** The exporter's pods get their own interface with the cluster's group and their store's client group. */
        const storeAccess = (exporter: "postgres" | "redis") =>
            podSecurityGroups(
                `${name}-${exporter}-exporter-security-groups`,
                {
                    name: `${exporter}-exporter`,
                    namespace,
                    labels,
                    podSelector: { [EXPORTER_LABEL]: exporter },
                    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
                    clientSecurityGroupIds: [targets.clientSecurityGroupIds[exporter]],
                },
                k8sOpts,
            );
        const chartRelease = (id: string, releaseName: string, chart: ExporterChart, values: object, ...after: pulumi.Resource[]) =>
            pinnedRelease(
                id,
                {
                    releaseName,
                    chart,
                    namespace,
                    settle: "rollback",
                    values,
                },
                { ...k8sOpts, dependsOn: [release, ...after] },
            );
        /** DNS, and `port` only: to `to` where given, else anywhere. */
        const egress = (exporter: "postgres" | "redis" | "blackbox", port: number, to?: Array<{ ipBlock: { cidr: string } }>) =>
            new k8s.networking.v1.NetworkPolicy(
                `${name}-${exporter}-exporter-egress`,
                {
                    metadata: { name: `${exporter}-exporter-egress`, namespace, labels },
                    spec: {
                        podSelector: { matchLabels: { [EXPORTER_LABEL]: exporter } },
                        policyTypes: ["Egress"],
                        egress: [dnsEgress, { ...(to && { to }), ports: [{ protocol: "TCP", port }] }],
                    },
                },
                k8sOpts,
            );
        const dataSubnets = targets.dataSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } }));

        const db = targets.database;
        const pgAccess = storeAccess("postgres");
        // The region's RDS CAs, which postgres_exporter verifies the server against (verify-full).
        const rdsCa = new k8s.core.v1.ConfigMap(
            `${name}-rds-ca`,
            {
                metadata: { name: RDS_CA_CONFIG_MAP, namespace, labels },
                data: { [RDS_CA_FILE_NAME]: rdsCaBundleFor(where.args.context.region) },
            },
            k8sOpts,
        );
        const pgLogin = this.syncEntry(`${name}-postgres-exporter`, where, {
            entry: db.loginSecret,
            roleName: POSTGRES_EXPORTER_ROLE,
            serviceAccount: POSTGRES_EXPORTER_SECRET,
            sid: "ReadMonitoringLogin",
            purpose: "postgres_exporter: read the monitoring login's Secrets Manager entry",
            keys: postgresExporterSecretKeys,
        });
        const analyticsLogin = db.analyticsLoginSecret
            ? {
                  secret: `${POSTGRES_EXPORTER_SECRET}-analytics`,
                  synced: this.syncEntry(`${name}-postgres-exporter-analytics`, where, {
                      entry: db.analyticsLoginSecret,
                      roleName: "postgres-exporter-analytics",
                      serviceAccount: `${POSTGRES_EXPORTER_SECRET}-analytics`,
                      sid: "ReadAnalyticsMonitoringLogin",
                      purpose: "postgres_exporter: read the analytics database's monitoring login entry",
                      keys: postgresExporterSecretKeys,
                  }),
              }
            : undefined;
        for (const instance of db.instances) {
            const login = instance.role === "analytics" && analyticsLogin ? analyticsLogin : undefined;
            chartRelease(
                `${name}-postgres-exporter-${instance.role}`,
                `postgres-exporter-${instance.role}`,
                postgresExporterChart,
                postgresExporterValues({
                    host: instance.address,
                    identifier: instance.identifier,
                    databaseName: instance.databaseName,
                    loginSecret: login?.secret,
                }),
                login?.synced ?? pgLogin,
                pgAccess,
                rdsCa,
            );
        }
        egress("postgres", dataStorePorts.postgres, dataSubnets);

        const cache = targets.cache;
        const redisAccess = storeAccess("redis");
        const redisAuth = this.syncEntry(`${name}-redis-exporter`, where, {
            entry: cache.authSecret,
            roleName: "redis-exporter",
            serviceAccount: REDIS_EXPORTER_SECRET,
            sid: "ReadRedisExporterLogin",
            purpose: "redis_exporter: read its Redis user's Secrets Manager entry",
            keys: redisExporterSecretKeys,
        });
        chartRelease(
            `${name}-redis-exporter`,
            "redis-exporter",
            redisExporterChart,
            redisExporterValues({ host: cache.address, identifier: cache.identifier, user: cache.username }),
            redisAuth,
            redisAccess,
        );
        egress("redis", dataStorePorts.redis, dataSubnets);

        chartRelease(
            `${name}-blackbox-exporter`,
            "blackbox-exporter",
            blackboxExporterChart,
            blackboxExporterValues({ url: `https://${probedHostname(where.cluster.routing)}/` }),
            release,
        );
        // The public endpoint's addresses are CloudFront's or the load balancer's, which change: HTTPS anywhere.
        egress("blackbox", 443);
    }

    /**
     * One Secrets Manager entry synced into a Secret of the monitoring namespace: a SecretStore that
     * authenticates (IRSA) as a role only its own service account can assume and that may read only that
     * entry, and the ExternalSecret that fills the Secret.
     */
    private syncEntry(prefix: string, where: SyncTarget, s: SyncedEntry): k8s.apiextensions.CustomResource {
        const { args, cluster, namespace, labels } = where;
        const ctx = args.context;
        const k8sOpts = { parent: this, provider: cluster.provider };
        const { role, serviceAccount } = irsaServiceAccount(
            { role: `${prefix}-reader`, serviceAccount: `${prefix}-reader` },
            {
                cluster,
                namespace,
                serviceAccount: s.serviceAccount,
                labels,
                role: { name: ctx.name(s.roleName), tags: ctx.tags("confidential") },
            },
            { aws: { parent: this }, k8s: k8sOpts },
        );
        addSecretReader(this.secretReaders, [s.entry.name], role.arn);
        attachPolicy(
            `${prefix}-reader`,
            ctx,
            role,
            s.purpose,
            pulumi.all([s.entry.arn, args.secretsKeyArn]).apply(([secretArn, secretsKeyArn]) =>
                JSON.stringify(
                    entryReaderPolicy({
                        sid: s.sid,
                        secretArn,
                        secretsKeyArn,
                        region: ctx.region,
                        replicaKeyArn: s.entry.replicaKeyArn,
                    }),
                ),
            ),
            { parent: this },
        );
        return secretSync(
            { store: `${prefix}-store`, externalSecret: prefix },
            {
                namespace,
                labels,
                region: ctx.region,
                serviceAccount,
                storeName: s.serviceAccount,
                operator: cluster.externalSecretsOperator,
                externalSecret: {
                    metadata: { name: s.serviceAccount, labels },
                    spec: (storeName) =>
                        pulumi
                            .all([s.entry.name, storeName])
                            .apply(([entryName, store]) =>
                                entryExternalSecretSpec({ entryName, storeName: store, secretName: s.serviceAccount, keys: s.keys }),
                            ),
                },
            },
            k8sOpts,
        );
    }

    /**
     * An EventBridge rule on the default bus whose matching events notify their route's topic, as they come. PagerDuty's
     * CloudWatch integration reads alarms only (their state change and name), so where the route pages, an alarm on
     * the rule's own TriggeredRules metric pages too; the event itself reaches Slack and email.
     */
    private routeEvents(name: string, ctx: PlatformContext, route: EventRoute, routes: AlarmRoutes) {
        // A team's topics admit the rules named after that team alone (AlarmRoutes).
        if (!route.key.startsWith(`${route.team}-`)) throw new Error(`event route ${route.key} must start with its team, ${route.team}`);
        const rule = new aws.cloudwatch.EventRule(
            `${name}-${route.key}`,
            {
                name: ctx.name(route.key),
                description: `${severityLevels[route.severity].priority} ${route.severity} (${route.team}): ${route.description}`,
                eventPattern: JSON.stringify(route.pattern),
                state: "ENABLED",
                tags: ctx.tags("internal", { Severity: route.severity, Team: route.team }),
            },
            { parent: this },
        );
        new aws.cloudwatch.EventTarget(
            `${name}-${route.key}`,
            { rule: rule.name, arn: routes.topicArn(route.severity, route.team) },
            { parent: this },
        );
        if (!severityLevels[route.severity].channels.includes("pagerduty")) return;
        metricAlarm(
            `${name}-${route.key}-matched`,
            ctx,
            {
                key: `${route.key}-matched`,
                severity: route.severity,
                team: route.team,
                description: `${route.description}: the rule matched an event (in Slack and email)`,
                sources: ["001", "004"],
                metric: { namespace: "AWS/Events", metricName: "TriggeredRules", dimensions: { RuleName: rule.name }, stat: "Sum" },
                ...onAnyEvent,
            },
            routes,
            { parent: this },
        );
    }
}
