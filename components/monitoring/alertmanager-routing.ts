import { alertCatalog, AlertDefinition, Severity, severities, severityLevels } from "./alert-catalog";

/** Keys of the Kubernetes Secret (synced from Secrets Manager) that hold the receivers' credentials. */
export const receiverCredentials = {
    pagerduty: { file: "pagerduty-routing-key", property: "pagerdutyRoutingKey" },
    slack: { file: "slack-webhook-url", property: "slackWebhookUrl" },
    smtp: { file: "smtp-password", property: "smtpPassword" },
} as const;

/** The Secrets Manager entry (`<app>/<env>/alertmanager`) and the keys of its JSON document. */
export const RECEIVER_ENTRY = "alertmanager";
export const receiverEntryKeys = Object.values(receiverCredentials).map((c) => c.property);

export interface EmailSettings {
    to: string;
    from: string;
    /** host:port of the SMTP relay. */
    smarthost: string;
    username: string;
}

export interface RoutingSettings {
    email: EmailSettings;
    /** Where Alertmanager finds the credential files (the mounted Secret's directory). */
    credentialsDir: string;
}

const slackTitle = "[{{ .Status | toUpper }}] {{ .CommonLabels.priority }} {{ .CommonLabels.alertname }}: {{ .CommonAnnotations.summary }}";
const slackText =
    "{{ range .Alerts }}{{ .Annotations.description }}\nRespond within {{ .Annotations.response_time }}. Runbook: {{ .Annotations.runbook_url }}\n{{ end }}";

function receiver(severity: Severity, s: RoutingSettings) {
    const file = (key: string) => `${s.credentialsDir}/${key}`;
    const channels = severityLevels[severity].channels;
    return {
        name: severity,
        ...(channels.includes("pagerduty") && {
            pagerduty_configs: [{ routing_key_file: file(receiverCredentials.pagerduty.file), severity: "critical", send_resolved: true }],
        }),
        ...(channels.includes("slack") && {
            slack_configs: [
                { api_url_file: file(receiverCredentials.slack.file), title: slackTitle, text: slackText, send_resolved: true },
            ],
        }),
        ...(channels.includes("email") && {
            email_configs: [
                {
                    to: s.email.to,
                    from: s.email.from,
                    smarthost: s.email.smarthost,
                    auth_username: s.email.username,
                    auth_password_file: file(receiverCredentials.smtp.file),
                    require_tls: true,
                    send_resolved: true,
                },
            ],
        }),
    };
}

/** Each alert that outranks lower tiers of its own signal silences them for the same service. */
function inhibitRules(catalog: readonly AlertDefinition[]) {
    return catalog
        .filter((a) => a.inhibits?.length)
        .map((a) => ({
            source_matchers: [`alertname="${a.name}"`],
            target_matchers: [`alertname=~"${a.inhibits!.join("|")}"`],
            equal: ["namespace", "job"],
        }));
}

/**
 * The Alertmanager configuration: one receiver per severity with the channels of [001]; credentials
 * are read from files (never inlined), so the configuration itself holds no secret.
 * The monitoring stack's own rules use severity warning and info: warning is routed like medium,
 * info and the always-firing Watchdog are dropped; anything else unrouted goes to email.
 */
export function alertmanagerConfig(s: RoutingSettings, catalog: readonly AlertDefinition[] = alertCatalog) {
    return {
        route: {
            receiver: "low",
            group_by: ["alertname", "namespace", "job"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "4h",
            routes: [
                { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] },
                { receiver: "null", matchers: ['severity=~"info|none"'] },
                ...severities.map((severity) => ({
                    receiver: severity,
                    matchers: [severity === "medium" ? 'severity=~"medium|warning"' : `severity="${severity}"`],
                    ...(severity === "critical" && { repeat_interval: "1h" }),
                })),
            ],
        },
        receivers: [{ name: "null" }, ...severities.map((severity) => receiver(severity, s))],
        inhibit_rules: inhibitRules(catalog),
    };
}
