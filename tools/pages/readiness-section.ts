import type { StackReadiness } from "../readiness/finding";
import { supportText } from "../readiness/report";
import { badge, esc, section, table } from "./html";

/** The deploy-readiness findings of a stack, blockers first, and the support left on each pinned version. */
export function readinessSection(readiness: StackReadiness | undefined): string {
    if (!readiness) return "";
    const blockers = readiness.findings.filter((f) => f.severity === "blocker").length;
    const rows = readiness.findings.map((f) => [
        `<span class="badge ${f.severity === "blocker" ? "fail" : "advisory"}">${esc(f.severity)}</span>`,
        esc(f.family),
        `<code>${esc(f.rule)}</code>`,
        `${esc(f.name)}<br><span class="muted">${esc(f.type)}</span>`,
        `<span class="message">${esc(f.message)}</span>${f.awsError ? `<br><code>${esc(f.awsError)}</code>` : ""}`,
        `${esc(f.fix)}<br><a class="muted" href="${esc(f.source)}">source</a>`,
    ]);
    const summary =
        readiness.findings.length === 0
            ? `<p>${badge(true, "ready")} AWS and Kubernetes would accept this plan, in this order, from where CI runs.</p>`
            : `<p>${badge(blockers === 0, blockers === 0 ? "no blockers" : `${blockers} blocker(s)`)} ${readiness.findings.length - blockers} warning(s), calendars read on ${esc(readiness.today)}.</p>`;
    const support = readiness.support.length ? `<ul>${readiness.support.map((s) => `<li>${esc(supportText(s))}</li>`).join("")}</ul>` : "";
    return section(
        "readiness",
        `Deploy readiness (${readiness.findings.length})`,
        `${summary}\n${table(["", "family", "rule", "resource", "AWS / Kubernetes answers", "fix"], rows, "readiness")}\n${support}`,
    );
}
