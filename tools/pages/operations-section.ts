import { alertCatalog } from "./alerts";
import { esc, section, table } from "./html";
import { PlanIndex } from "./plan-index";
import { recoveryFigures } from "./retention";

export function alertsSection(index: PlanIndex): string {
    const catalog = alertCatalog(index);
    const channels = new Map(catalog.receivers.map((r) => [r.name, r.channels]));
    const withChannels = (receiver: string) =>
        channels.get(receiver)?.length ? `${receiver} (${channels.get(receiver)!.join(", ")})` : receiver;
    const parts: string[] = [];
    if (catalog.alerts.length === 0 && catalog.alarms.length === 0) {
        parts.push(`<p class="muted">No PrometheusRule alerts or CloudWatch alarms in this plan.</p>`);
    }
    if (catalog.alerts.length > 0) {
        const bySeverity = new Map<string, number>();
        for (const a of catalog.alerts) bySeverity.set(a.severity, (bySeverity.get(a.severity) ?? 0) + 1);
        parts.push(
            `<p>${catalog.alerts.length} Prometheus alert(s): ${[...bySeverity].map(([s, n]) => `<span class="sev sev-${esc(s.toLowerCase())}">${n} ${esc(s)}</span>`).join(", ")}.</p>`,
            table(
                ["severity", "alert", "for", "summary", "routed to", "respond within", "group"],
                catalog.alerts.map((a) => [
                    `<span class="sev sev-${esc(a.severity.toLowerCase())}">${esc(a.severity)}</span>${a.priority ? ` ${esc(a.priority)}` : ""}`,
                    `<b>${esc(a.name)}</b>${a.runbook ? `<br><span class="muted">${esc(a.runbook)}</span>` : ""}`,
                    esc(a.for),
                    `${esc(a.summary)}<br><code>${esc(a.expr)}</code>`,
                    esc(a.receivers.map(withChannels).join("; ") || (catalog.routingSource ? "—" : "no routing in the plan")),
                    esc(a.responseTime || "—"),
                    esc(a.group),
                ]),
            ),
        );
    }
    if (catalog.receivers.length > 0) {
        parts.push(
            `<h3>Alertmanager receivers (from ${esc(catalog.routingSource)})</h3>`,
            table(
                ["receiver", "channels"],
                catalog.receivers.map((r) => [esc(r.name), esc(r.channels.join(", ") || "none")]),
            ),
        );
    }
    if (catalog.alarms.length > 0) {
        parts.push(
            `<h3>CloudWatch alarms (${catalog.alarms.length})</h3>`,
            table(
                ["alarm", "condition", "actions"],
                catalog.alarms.map((a) => [esc(a.name), esc(a.condition), esc(a.actions.join(", "))]),
            ),
        );
    }
    return section("alerts", "Alert catalog", parts.join("\n"));
}

export function retentionSection(index: PlanIndex): string {
    const f = recoveryFigures(index);
    const facts = [
        [
            "Backup RPO (most frequent backup schedule)",
            f.backupRpoHours === undefined ? "no AWS Backup schedule in the plan" : `${formatHours(f.backupRpoHours)}`,
        ],
        ["Point-in-time recovery", f.pointInTime.length ? f.pointInTime.map(esc).join("<br>") : "none planned"],
        ["Restore tests", f.restoreTests.length ? f.restoreTests.map(esc).join("<br>") : "none planned"],
        [
            "Declared RPO / RTO (resource tags)",
            f.declared.length
                ? f.declared.map((d) => `${esc(d.key)} ${esc(d.value)} (${esc(d.resource)})`).join("<br>")
                : "not declared on any resource",
        ],
    ].map(([k, v]) => [esc(k), k.startsWith("Backup RPO") ? `<b>${esc(v)}</b>` : v]);
    const rows = f.rows.map((r) => [
        esc(r.what),
        esc(r.resource),
        esc(r.region),
        r.days === undefined ? "—" : `${r.days} d${r.days >= 365 ? ` (${(r.days / 365).toFixed(1)} y)` : ""}`,
        esc(r.detail),
    ]);
    return section(
        "retention",
        "Retention, RPO and RTO",
        `${table(["figure", "value"], facts)}\n${table(["what", "resource", "region", "kept", "detail"], rows)}`,
    );
}

function formatHours(hours: number): string {
    return hours < 1 ? `${Math.round(hours * 60)} min` : hours >= 24 ? `${hours / 24} d` : `${hours} h`;
}
