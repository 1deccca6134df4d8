import { alertCatalog, AlertDefinition, Severity, severities, severityLevels, Team, teams } from "./alert-catalog";

/** Keys of the Kubernetes Secret (synced from Secrets Manager) that hold the receivers' credentials. */
export const receiverCredentials = {
    pagerduty: { file: "pagerduty-routing-key", property: "pagerdutyRoutingKey" },
    slack: { file: "slack-webhook-url", property: "slackWebhookUrl" },
    smtp: { file: "smtp-password", property: "smtpPassword" },
} as const;

/** The Secrets Manager entry (`<app>/<env>/alertmanager`) and the keys of its JSON document. */
export const RECEIVER_ENTRY = "alertmanager";
export const receiverEntryKeys = Object.values(receiverCredentials).map((c) => c.property);

/**
 * The severities kube-prometheus-stack's own rules carry (chart 79.5.0: 41 critical, 99 warning, 7 info; the
 * templates under templates/prometheus/rules-1.14), as the catalog's. The chart's convention is ours read
 * plainly: critical pages a person now (P1: a node or the API server down, a volume or filesystem about to
 * fill, alerts no longer leaving Prometheus); warning needs attention within the working day, like a pod
 * crash-looping (P3, Slack); info is context (P4, email), and reaches anyone only when no warning or
 * critical alert of its namespace fires alongside, which the chart's InfoInhibitor signals. `none` marks
 * Watchdog and InfoInhibitor themselves, which notify nobody.
 */
export const chartSeverities: Record<"critical" | "warning" | "info", Severity> = {
    critical: "critical",
    warning: "medium",
    info: "low",
};

export interface EmailSettings {
    from: string;
    /** host:port of the SMTP relay. */
    smarthost: string;
    username: string;
}

export interface RoutingSettings {
    email: EmailSettings;
    /** Each team's mailing list. */
    teams: Record<Team, string>;
    /** Where Alertmanager finds the credential files (the mounted Secret's directory). */
    credentialsDir: string;
}

/** The receiver of a team's alerts of one severity. */
export const receiverName = (team: Team, severity: Severity) => `${team}-${severity}`;

/** The severity label values routed as each catalog severity: its own, and the chart's that map to it. */
function severityMatcher(severity: Severity): string {
    const values = [severity, ...Object.entries(chartSeverities).flatMap(([chart, ours]) => (ours === severity ? [chart] : []))];
    return values.length === 1 ? `severity="${severity}"` : `severity=~"${values.join("|")}"`;
}

function receiver(team: Team, severity: Severity, s: RoutingSettings) {
    const file = (key: string) => `${s.credentialsDir}/${key}`;
    const { channels, priority } = severityLevels[severity];
    // The receiver knows the priority it serves, so the chart's alerts (which carry no priority label) show it too.
    const title = `[{{ .Status | toUpper }}] ${priority} {{ .CommonLabels.alertname }}: {{ .CommonAnnotations.summary }}`;
    const text = `{{ range .Alerts }}{{ .Annotations.description }}\nOwner: ${team}. Respond within {{ .Annotations.response_time }}. Runbook: {{ .Annotations.runbook_url }}\n{{ end }}`;
    return {
        name: receiverName(team, severity),
        ...(channels.includes("pagerduty") && {
            pagerduty_configs: [{ routing_key_file: file(receiverCredentials.pagerduty.file), severity: "critical", send_resolved: true }],
        }),
        ...(channels.includes("slack") && {
            slack_configs: [{ api_url_file: file(receiverCredentials.slack.file), title, text, send_resolved: true }],
        }),
        ...(channels.includes("email") && {
            email_configs: [
                {
                    to: s.teams[team],
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

/**
 * Each alert that outranks lower tiers of its own signal silences them for the same service; and the
 * chart's own three rules: a critical alert silences the warning and info alerts of the same name and
 * namespace, a warning its info, and InfoInhibitor the info alerts of its namespace.
 */
function inhibitRules(alerts: readonly AlertDefinition[]) {
    return [
        ...alerts
            .filter((a) => a.inhibits?.length)
            .map((a) => ({
                source_matchers: [`alertname="${a.name}"`],
                target_matchers: [`alertname=~"${a.inhibits!.join("|")}"`],
                equal: ["namespace", "job"],
            })),
        { source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"'], equal: ["namespace", "alertname"] },
        { source_matchers: ['severity="warning"'], target_matchers: ['severity="info"'], equal: ["namespace", "alertname"] },
        { source_matchers: ['alertname="InfoInhibitor"'], target_matchers: ['severity="info"'], equal: ["namespace"] },
    ];
}

/** A team's subtree: one route per severity, each to that team's receiver for it. */
function teamRoute(team: Team) {
    return {
        receiver: receiverName(team, "low"),
        // DevOps answers every alert no other team claims (the chart's rules carry no team label).
        ...(team !== "devops" && { matchers: [`team="${team}"`] }),
        routes: severities.map((severity) => ({
            receiver: receiverName(team, severity),
            matchers: [severityMatcher(severity)],
            ...(severity === "critical" && { repeat_interval: "1h" }),
        })),
    };
}

/**
 * The Alertmanager configuration: alerts are routed first to the team that owns them (the `team` label), then
 * by severity to that team's receiver, whose channels are those of [001] and whose email goes to the team's
 * list. Credentials are read from files (never inlined), so the configuration itself holds no secret.
 */
export function alertmanagerConfig(s: RoutingSettings, alerts: readonly AlertDefinition[] = alertCatalog) {
    const order: Team[] = [...teams.filter((t) => t !== "devops"), "devops"];
    return {
        route: {
            receiver: receiverName("devops", "low"),
            group_by: ["alertname", "namespace", "job"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "4h",
            routes: [
                { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] },
                { receiver: "null", matchers: ['severity="none"'] },
                ...order.map(teamRoute),
            ],
        },
        receivers: [{ name: "null" }, ...teams.flatMap((team) => severities.map((severity) => receiver(team, severity, s)))],
        inhibit_rules: inhibitRules(alerts),
    };
}
