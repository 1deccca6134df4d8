// What users see of the analysis: a block per stack in the console, out/<stack>/readiness.json,
// out/readiness.md (for the pull request comment).
import * as fs from "fs";
import * as path from "path";
import type { ArtifactWriter, SummaryWriter } from "../engine/result";
import { FAMILIES, Finding, StackReadiness, SupportLine } from "./finding";
import { WARN_DAYS } from "./rules/calendars/calendars";

const count = (r: StackReadiness, severity: Finding["severity"]) => r.findings.filter((f) => f.severity === severity).length;

export function supportText(s: SupportLine): string {
    const what = `${s.subject} ${s.version} (${s.resource})`;
    if (s.daysLeft === undefined) return `${what}: no end of standard support announced`;
    if (s.daysLeft < 0) return `${what}: standard support ended ${s.ends}, ${-s.daysLeft} days ago`;
    return `${what}: ${s.daysLeft} days of standard support left (until ${s.ends})${s.daysLeft < WARN_DAYS ? " — under 90" : ""}`;
}

/** The console block printed after the pack's summary of each stack. */
export function formatReadiness(r: StackReadiness): string {
    const lines = [
        `── ${r.stack} (${r.environment}): deploy readiness on ${r.today}: ${count(r, "blocker")} blocker(s), ${count(r, "warning")} warning(s)`,
    ];
    for (const family of FAMILIES) {
        const found = r.findings.filter((f) => f.family === family);
        if (found.length === 0) continue;
        lines.push(`   ${family}:`);
        for (const f of found) {
            lines.push(`     ${f.severity === "blocker" ? "✗" : "!"} ${f.name} (${f.type.split(":").pop()}) — ${f.rule}: ${f.message}`);
            lines.push(`         ${f.awsError ? `answer: ${f.awsError}; ` : ""}fix: ${f.fix}`);
        }
    }
    for (const s of r.support) lines.push(`   support: ${supportText(s)}`);
    return lines.join("\n");
}

/** The counts for the run's summary line. */
export function readinessCounts(results: StackReadiness[]): { blockers: number; warnings: number } {
    return {
        blockers: results.reduce((n, r) => n + count(r, "blocker"), 0),
        warnings: results.reduce((n, r) => n + count(r, "warning"), 0),
    };
}

/** out/<stack>/readiness.json: the stack's findings and support calendar. */
export const writeReadiness: ArtifactWriter = (result, dir) => {
    if (!result.readiness) return [];
    const file = path.join(dir, "readiness.json");
    const r = result.readiness;
    fs.writeFileSync(file, JSON.stringify({ ...r, blockers: count(r, "blocker"), warnings: count(r, "warning") }, null, 2) + "\n");
    return [file];
};

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Markdown of every stack's findings, blockers first: what the pull request comment shows. */
export function readinessMarkdown(results: StackReadiness[]): string {
    const { blockers, warnings } = readinessCounts(results);
    const out = [`## Deploy readiness`, "", `${results.length} stack(s): ${blockers} blocker(s), ${warnings} warning(s).`, ""];
    for (const r of results) {
        out.push(`### ${r.stack} (${r.environment}): ${count(r, "blocker")} blocker(s), ${count(r, "warning")} warning(s)`, "");
        if (r.findings.length > 0) {
            out.push("| | family | rule | resource | AWS / Kubernetes answers | fix |", "|---|---|---|---|---|---|");
            for (const f of r.findings)
                out.push(
                    `| ${f.severity === "blocker" ? "✗" : "!"} | ${f.family} | \`${f.rule}\` | ${cell(f.name)} (\`${f.type.split(":").pop()}\`) | ${cell(f.message)}${f.awsError ? ` — \`${cell(f.awsError)}\`` : ""} | ${cell(f.fix)} |`,
                );
            out.push("");
        }
        if (r.support.length > 0) out.push(...r.support.map((s) => `- ${supportText(s)}`), "");
    }
    return out.join("\n");
}

/** out/readiness.md */
export const writeReadinessSummary: SummaryWriter = (results, outDir) => {
    const analysed = results.map((r) => r.readiness).filter((r): r is StackReadiness => r !== undefined);
    if (analysed.length === 0) return [];
    const file = path.join(outDir, "readiness.md");
    fs.writeFileSync(file, readinessMarkdown(analysed));
    return [file];
};
