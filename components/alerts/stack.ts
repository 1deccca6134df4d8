// The in-cluster monitoring stack: kube-prometheus-stack, pinned, with Alertmanager configured from
// the routing data and the receivers' credentials mounted from a Secret that External Secrets
// syncs from Secrets Manager.
import { receiverCredentials, RoutingSettings, alertmanagerConfig } from "./routing";

export const MONITORING_NAMESPACE = "monitoring";

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

/** Where the Prometheus operator mounts a Secret listed in alertmanagerSpec.secrets. */
export const credentialsDir = `/etc/alertmanager/secrets/${RECEIVER_SECRET}`;

export interface StackValuesInput {
    email: RoutingSettings["email"];
    /** Two replicas of Prometheus and Alertmanager where the environment is Multi-AZ. */
    replicas: number;
}

export function kubePrometheusStackValues(p: StackValuesInput) {
    return {
        // Grafana's chart default admin password is public; dashboards are not part of alerting.
        grafana: { enabled: false },
        prometheus: {
            prometheusSpec: {
                replicas: p.replicas,
                ruleSelectorNilUsesHelmValues: false,
                ruleSelector: { matchLabels: RULE_LABELS },
                ruleNamespaceSelector: {},
            },
        },
        alertmanager: {
            alertmanagerSpec: { replicas: p.replicas, secrets: [RECEIVER_SECRET] },
            config: alertmanagerConfig({ email: p.email, credentialsDir }),
        },
    };
}

/** The ExternalSecret spec that fills RECEIVER_SECRET from one Secrets Manager entry. */
export function receiverExternalSecretSpec(secretName: string, storeName: string) {
    return {
        refreshInterval: "1h",
        secretStoreRef: { kind: "SecretStore", name: storeName },
        target: { name: RECEIVER_SECRET, creationPolicy: "Owner" },
        data: Object.values(receiverCredentials).map((c) => ({ secretKey: c.file, remoteRef: { key: secretName, property: c.property } })),
    };
}

/** What the receivers' SecretStore may do: read that one entry, decrypting through Secrets Manager only. */
export function receiverReaderPolicy(p: { secretArn: string; secretsKeyArn: string; region: string }) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadAlertmanagerReceivers",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                Resource: p.secretArn,
            },
            {
                Sid: "DecryptThroughSecretsManager",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: p.secretsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${p.region}.amazonaws.com` } },
            },
        ],
    };
}
