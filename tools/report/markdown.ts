import { hipaaTitles } from "../../policies/lib/hipaa";
import { Violation } from "../engine/analyzer";
import { Plan } from "../engine/plan";
import { complianceModel, ControlResult, SectionResult } from "./compliance";

const PASS = "✅ pass";
const FAIL = "❌ fail";

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function controlStatus(r: ControlResult): string {
    if (r.control.enforcementLevel === "advisory") {
        const findings = r.examined.filter((e) => !e.passed).length + r.stackFindings.length;
        return findings > 0 ? `⚠️ advisory (${findings})` : PASS;
    }
    return r.passed ? PASS : FAIL;
}

function violationList(violations: Violation[]): string[] {
    return violations.map((v) => `- **${v.policyName}** (${v.severity}): ${v.message}`);
}

function sectionBlock(s: SectionResult): string[] {
    const title = hipaaTitles[s.section] ? `${s.section} — ${hipaaTitles[s.section]}` : s.section;
    const lines = [
        `### ${title} — ${s.passed ? PASS : FAIL}`,
        "",
        "| control | level | resources examined | failed | result |",
        "|---|---|---|---|---|",
    ];
    for (const r of s.controls) {
        const failed = r.examined.filter((e) => !e.passed).length + r.stackFindings.length;
        lines.push(`| ${r.control.name} | ${r.control.enforcementLevel} | ${r.examined.length} | ${failed} | ${controlStatus(r)} |`);
    }
    lines.push("");
    for (const r of s.controls.filter((c) => c.examined.length > 0 || c.stackFindings.length > 0)) {
        lines.push(`<details><summary>${r.control.name}: ${r.examined.length} resource(s)</summary>`, "");
        for (const f of r.stackFindings) lines.push(`- ${FAIL} stack: ${cell(f)}`);
        for (const e of r.examined) {
            lines.push(
                `- ${e.passed ? PASS : r.control.enforcementLevel === "advisory" ? "⚠️ advisory" : FAIL} \`${e.name}\` (${e.type})${e.messages.length ? `: ${cell(e.messages.join("; "))}` : ""}`,
            );
        }
        lines.push("", "</details>", "");
    }
    return lines;
}

/**
 * The per-stack compliance report: verdict, mandatory violations first, advisory findings with
 * the reason each control is only advisory, then every HIPAA section with its controls and the
 * resources they examined.
 */
export function complianceMarkdown(plan: Plan, violations: Violation[]): string {
    const sections = complianceModel(plan, violations);
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    const advisory = violations.filter((v) => v.enforcementLevel === "advisory");
    const controls = new Map(sections.flatMap((s) => s.controls).map((c) => [c.control.name, c]));
    const examined = new Set([...controls.values()].flatMap((c) => c.examined.map((e) => e.urn)));
    const lines = [
        `# HIPAA compliance report — ${plan.project} / ${plan.stack} (${plan.environment})`,
        "",
        `**Verdict: ${mandatory.length === 0 ? "PASS" : "FAIL"}** — ${mandatory.length} mandatory violation(s), ${advisory.length} advisory finding(s); ${controls.size} controls, ${examined.size} of ${plan.resources.filter((r) => r.custom).length} resources examined, ${sections.length} HIPAA Security Rule sections.`,
        "",
        "## Mandatory violations",
        "",
        ...(mandatory.length ? violationList(mandatory) : ["None."]),
        "",
        "## Advisory findings",
        "",
    ];
    if (advisory.length === 0) lines.push("None.");
    for (const name of [...new Set(advisory.map((v) => v.policyName))]) {
        const c = controls.get(name);
        lines.push(`- **${name}** — why advisory: ${c?.control.description ?? "(unknown control)"}`);
        for (const v of advisory.filter((a) => a.policyName === name)) lines.push(`  - ${v.message}`);
    }
    lines.push("", "## By HIPAA section", "", "Sections with a failing mandatory control come first.", "");
    for (const s of sections) lines.push(...sectionBlock(s));
    return lines.join("\n").trimEnd() + "\n";
}
