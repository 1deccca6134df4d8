import { Violation } from "../engine/analyzer";
import { Plan } from "../engine/plan";
import { ControlResult, complianceModel } from "../report/compliance";
import { badge, esc, section, table } from "./html";

/** Every violation, mandatory first: the page's first answer to "is this stack compliant?". */
export function violationsSection(plan: Plan, violations: Violation[]): string {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const sorted = [...violations].sort((a, b) => Number(a.enforcementLevel !== "mandatory") - Number(b.enforcementLevel !== "mandatory"));
    const rows = sorted.map((v) => [
        `<span class="badge ${v.enforcementLevel === "mandatory" ? "fail" : "advisory"}">${esc(v.enforcementLevel)}</span>`,
        `<span class="sev sev-${esc(v.severity)}">${esc(v.severity)}</span>`,
        `<code>${esc(v.policyName)}</code>`,
        v.urn ? `${esc(byUrn.get(v.urn)?.name ?? v.urn)}<br><span class="muted">${esc(byUrn.get(v.urn)?.type ?? "")}</span>` : "the stack",
        `<span class="message">${esc(v.message)}</span>`,
    ]);
    const body =
        rows.length === 0
            ? `<p>${badge(true, "no violations")} The policy pack found nothing to report.</p>`
            : table(["level", "severity", "control", "resource", "finding"], rows, "violations");
    return section("violations", `Violations (${violations.length})`, body);
}

/** HIPAA section → control → resources examined, failing sections and resources first. */
export function complianceSection(plan: Plan, violations: Violation[]): string {
    const sections = complianceModel(plan, violations);
    const body = sections
        .map((s) => {
            const controls = [...s.controls]
                .sort((a, b) => Number(a.passed) - Number(b.passed))
                .map(controlBlock)
                .join("\n");
            return `<details class="${s.passed ? "passed" : "failed"}"${s.passed ? "" : " open"}><summary>${badge(s.passed)} HIPAA ${esc(s.section)} — ${s.controls.length} control(s)</summary>\n${controls}\n</details>`;
        })
        .join("\n");
    const failing = sections.filter((s) => !s.passed).length;
    return section(
        "compliance",
        "HIPAA compliance",
        `<p>${sections.length} HIPAA Security Rule sections checked by the careplane-hipaa pack; ${failing} failing.</p>\n${body}`,
    );
}

function controlBlock(c: ControlResult): string {
    const failed = c.examined.filter((e) => !e.passed).length;
    const level = c.control.enforcementLevel === "advisory" ? ` <span class="badge advisory">advisory</span>` : "";
    const row = (e: ControlResult["examined"][number]) => [
        badge(e.passed),
        esc(e.name),
        `<span class="muted">${esc(e.type)}</span>`,
        e.messages.map((m) => `<span class="message">${esc(m)}</span>`).join("<br>"),
    ];
    const failing = table(["", "resource", "type", "finding"], c.examined.filter((e) => !e.passed).map(row));
    const passing = c.examined.filter((e) => e.passed);
    const passingList = passing.length
        ? `<details><summary>${passing.length} resource(s) passing</summary>${table(["", "resource", "type", ""], passing.map(row))}</details>`
        : "";
    const findings = c.stackFindings.map((m) => `<li class="message">${esc(m)}</li>`).join("");
    return `<h3>${badge(c.passed)}${level} <code>${esc(c.control.name)}</code> — ${esc(c.control.description)}</h3>
<p class="muted">severity ${esc(c.control.severity)}; ${c.examined.length} resource(s) examined, ${failed} failing${c.control.cdkNag.length ? `; cdk-nag: ${esc(c.control.cdkNag.join(", "))}` : ""}</p>
${findings ? `<ul>${findings}</ul>` : ""}
${failing}
${passingList}`;
}
