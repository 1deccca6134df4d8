// The in-cluster monitoring stack: kube-prometheus-stack, pinned, with Alertmanager configured from
// the routing data and the receivers' credentials mounted from a Secret that External Secrets
// syncs from Secrets Manager.
import { AlertDefinition } from "./alert-catalog";
import { receiverCredentials, RoutingSettings, alertmanagerConfig } from "./alertmanager-routing";
import { ControllerFootprint, resourcesOf } from "../compute/cluster-controllers";
import { DASHBOARD_LABEL } from "./dashboards";

export const MONITORING_NAMESPACE = "monitoring";

/** node-exporter reads its host (hostNetwork, hostPID, hostPath): it runs apart, in a privileged namespace holding no Secret. */
export const NODE_EXPORTER_NAMESPACE = "node-exporter";

/** The chart, pinned: an upgrade is a reviewed change, never a side effect of a deploy. */
export const kubePrometheusStack = {
    chart: "kube-prometheus-stack",
    version: "79.5.0",
    repo: "https://prometheus-community.github.io/helm-charts",
} as const;

/** The Kubernetes Secret (in the monitoring namespace) holding the receivers' credentials. */
export const RECEIVER_SECRET = "alertmanager-receivers";

/** Prometheus loads exactly the PrometheusRule objects that carry these labels. */
export const RULE_LABELS = { "careplane.io/alert-rules": "true" } as const;

/** The Helm release's name: the chart labels its own ServiceMonitors `release: <name>`. */
export const PROMETHEUS_RELEASE = "monitoring";

/**
 * Prometheus scrapes exactly the ServiceMonitors that carry these labels. It is the label the chart gives its
 * own (kubelet/cAdvisor, kube-state-metrics, node-exporter: the resource rules need them), written out so that
 * ours and the exporters' carry it on purpose rather than through the chart's default selector.
 */
export const SCRAPE_LABELS = { release: PROMETHEUS_RELEASE } as const;

/** The labels the Prometheus operator gives the Prometheus pods: what the scraped pods' NetworkPolicies admit. */
export const PROMETHEUS_POD_LABELS = { "app.kubernetes.io/name": "prometheus" } as const;

/** Where the services serve their metrics: prom-client's default path, on their own HTTP port [001]. */
export const METRICS_PATH = "/metrics";

/** The Kubernetes Secret (in the monitoring namespace) holding Grafana's admin login, with the chart's keys. */
export const GRAFANA_SECRET = "grafana-admin";
export const grafanaAdminKeys = { user: "admin-user", password: "admin-password" } as const;

/** Where the Prometheus operator mounts a Secret listed in alertmanagerSpec.secrets. */
export const credentialsDir = `/etc/alertmanager/secrets/${RECEIVER_SECRET}`;

export interface StackValuesInput {
    email: RoutingSettings["email"];
    teams: RoutingSettings["teams"];
    /** The stack's alerts (the catalog and its target alerts), whose tiers silence each other. */
    alerts: readonly AlertDefinition[];
    /** How often Prometheus scrapes and evaluates its rules [003: 15 s]. */
    scrapeInterval: string;
    evaluationInterval: string;
    /** Two replicas of Prometheus and Alertmanager where the environment is Multi-AZ. */
    replicas: number;
    /** Grafana, with its admin login from GRAFANA_SECRET; off unless the stack asks. */
    grafana: boolean;
}

/**
 * The stack's pods as the capacity check counts them, and as the values below request them: Prometheus (with the
 * operator's config-reloader sidecar, 10m / 50Mi by the operator's default), Alertmanager, the operator,
 * kube-state-metrics, Grafana when it runs; node-exporter runs on every node.
 */
export function monitoringFootprints(p: Pick<StackValuesInput, "replicas" | "grafana">): Record<string, ControllerFootprint> {
    const reloader = { cpuMillis: 10, memoryMiB: 50 };
    return {
        prometheus: { replicas: p.replicas, containers: [{ cpuMillis: 250, memoryMiB: 1024 }, reloader] },
        alertmanager: { replicas: p.replicas, containers: [{ cpuMillis: 25, memoryMiB: 64 }, reloader] },
        operator: { replicas: 1, containers: [{ cpuMillis: 50, memoryMiB: 128 }] },
        kubeStateMetrics: { replicas: 1, containers: [{ cpuMillis: 50, memoryMiB: 128 }] },
        ...(p.grafana
            ? {
                  grafana: {
                      replicas: 1,
                      containers: [
                          { cpuMillis: 100, memoryMiB: 256 },
                          { cpuMillis: 25, memoryMiB: 64 },
                          { cpuMillis: 25, memoryMiB: 64 },
                      ],
                  },
              }
            : {}),
    };
}

function grafanaSized(f: ControllerFootprint) {
    const values = grafanaValues();
    return { ...values, resources: resourcesOf(f.containers[0]), sidecar: { ...values.sidecar, resources: resourcesOf(f.containers[1]) } };
}

/** node-exporter's one container, on every node. */
export const nodeExporterSize = { cpuMillis: 25, memoryMiB: 32 };

/**
 * The chart's default rules (pod restarts, nodes, volumes, the API server, Prometheus and Alertmanager themselves
 * [002: pod restart frequency]) load with careplane's: their PrometheusRule objects carry the label Prometheus
 * selects, and every alert DevOps' team label. EKS runs the control plane out of sight: no etcd, scheduler or
 * controller-manager to scrape, and kube-proxy serves its metrics on 127.0.0.1 only; their "down" alerts
 * (absent(up{job=...})) would fire forever, so those targets and their rules are off.
 */
export const defaultRulesValues = {
    defaultRules: {
        create: true,
        labels: { ...RULE_LABELS },
        additionalRuleLabels: { team: "devops" },
    },
    kubeEtcd: { enabled: false },
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeProxy: { enabled: false },
} as const;

export function kubePrometheusStackValues(p: StackValuesInput) {
    const f = monitoringFootprints(p);
    return {
        // Off, Grafana is off: the chart's own default admin password is public.
        grafana: p.grafana ? grafanaSized(f.grafana) : { enabled: false },
        prometheusOperator: { resources: resourcesOf(f.operator.containers[0]) },
        "kube-state-metrics": { resources: resourcesOf(f.kubeStateMetrics.containers[0]) },
        ...defaultRulesValues,
        prometheus: {
            prometheusSpec: {
                resources: resourcesOf(f.prometheus.containers[0]),
                replicas: p.replicas,
                scrapeInterval: p.scrapeInterval,
                evaluationInterval: p.evaluationInterval,
                ruleSelectorNilUsesHelmValues: false,
                ruleSelector: { matchLabels: RULE_LABELS },
                ruleNamespaceSelector: {},
                serviceMonitorSelectorNilUsesHelmValues: false,
                serviceMonitorSelector: { matchLabels: SCRAPE_LABELS },
                serviceMonitorNamespaceSelector: {},
            },
        },
        alertmanager: {
            alertmanagerSpec: { replicas: p.replicas, secrets: [RECEIVER_SECRET], resources: resourcesOf(f.alertmanager.containers[0]) },
            config: alertmanagerConfig({ email: p.email, teams: p.teams, credentialsDir }, p.alerts),
        },
        "prometheus-node-exporter": { namespaceOverride: NODE_EXPORTER_NAMESPACE, resources: resourcesOf(nodeExporterSize) },
    };
}

/**
 * Grafana inside the cluster only (a ClusterIP Service; operators port-forward through the private API
 * endpoint): the admin login from GRAFANA_SECRET, so no password is in the values and the chart's public
 * default is never used; no anonymous access, sign-up or new organizations; secure, same-site cookies.
 * Nothing is kept: dashboards and data sources come from ConfigMaps through the sidecars, and the database
 * lives on the pod, so every start creates the admin afresh from the Secret (a rotated password applies).
 */
export function grafanaValues() {
    return {
        enabled: true,
        replicas: 1,
        admin: { existingSecret: GRAFANA_SECRET, userKey: grafanaAdminKeys.user, passwordKey: grafanaAdminKeys.password },
        service: { type: "ClusterIP" },
        ingress: { enabled: false },
        persistence: { enabled: false },
        defaultDashboardsEditable: false,
        // The sidecars watch this namespace alone, under a namespaced Role rather than a ClusterRole.
        rbac: { namespaced: true },
        sidecar: {
            dashboards: {
                enabled: true,
                label: DASHBOARD_LABEL.key,
                labelValue: DASHBOARD_LABEL.value,
                searchNamespace: [MONITORING_NAMESPACE],
            },
            datasources: { enabled: true, searchNamespace: [MONITORING_NAMESPACE] },
        },
        "grafana.ini": {
            "auth.anonymous": { enabled: false },
            // The sidecars call Grafana's reload API with the admin login over basic auth.
            "auth.basic": { enabled: true },
            users: { allow_sign_up: false, allow_org_create: false },
            security: { cookie_secure: true, cookie_samesite: "strict", disable_gravatar: true, allow_embedding: false },
            snapshots: { external_enabled: false },
            analytics: { reporting_enabled: false, check_for_updates: false },
        },
    };
}

/** Which key of GRAFANA_SECRET each property of the `{ username, password }` entry fills. */
export const grafanaAdminSecretKeys: SecretKeyMapping[] = [
    { secretKey: grafanaAdminKeys.user, property: "username" },
    { secretKey: grafanaAdminKeys.password, property: "password" },
];

/** Which file of RECEIVER_SECRET each property of the receivers' entry fills. */
export const receiverSecretKeys: SecretKeyMapping[] = Object.values(receiverCredentials).map((c) => ({
    secretKey: c.file,
    property: c.property,
}));

/** One key of a synced Kubernetes Secret, and the property of the Secrets Manager entry that fills it. */
export interface SecretKeyMapping {
    secretKey: string;
    property: string;
}

/** The ExternalSecret spec that keeps a Secret filled from one entry's properties, refreshed hourly; the Secret goes with it. */
export function entryExternalSecretSpec(p: { entryName: string; storeName: string; secretName: string; keys: SecretKeyMapping[] }) {
    return {
        refreshInterval: "1h",
        secretStoreRef: { kind: "SecretStore", name: p.storeName },
        target: { name: p.secretName, creationPolicy: "Owner" },
        data: p.keys.map((k) => ({ secretKey: k.secretKey, remoteRef: { key: p.entryName, property: k.property } })),
    };
}
