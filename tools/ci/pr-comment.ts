// The pull request's comment: the verdict, every policy violation of every stack (mandatory
// first), every deploy-readiness finding (out/readiness.md, when the readiness analysis wrote it),
// then the plan diff. Written whether the preview passed or failed, so a red check always comes
// with its reasons. `npm run ci:comment -- --outcome success|failure [--out out]` writes
// out/pr-comment.md.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { Violation } from "../engine/analyzer";

export const COMMENT_MARKER = "<!-- careplane-pr-comment -->";
/** GitHub refuses comments longer than 65,536 characters. */
export const COMMENT_LIMIT = 65000;

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function prComment(outDir: string, outcome: string, artifactsUrl = ""): string {
    const stacks = fs.existsSync(outDir)
        ? fs
              .readdirSync(outDir)
              .filter((s) => fs.existsSync(path.join(outDir, s, "violations.json")))
              .sort()
        : [];
    const violations = stacks.flatMap((stack) =>
        (JSON.parse(fs.readFileSync(path.join(outDir, stack, "violations.json"), "utf8")) as Violation[]).map((v) => ({ stack, ...v })),
    );
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    const verdict =
        outcome === "success"
            ? `✅ Offline preview: ${stacks.length} stack(s), no mandatory violation.`
            : stacks.length === 0
              ? "❌ Offline preview failed before writing any plan: see the job log."
              : `❌ Offline preview: ${mandatory.length} mandatory violation(s) or a deploy blocker.`;
    const lines = [COMMENT_MARKER, verdict, ""];
    lines.push(`### Policy violations (${mandatory.length} mandatory, ${violations.length - mandatory.length} advisory)`, "");
    if (violations.length === 0) lines.push("None.");
    else {
        lines.push("| stack | level | policy | finding |", "|---|---|---|---|");
        const ordered = [...mandatory, ...violations.filter((v) => v.enforcementLevel !== "mandatory")];
        for (const v of ordered) lines.push(`| ${v.stack} | ${v.enforcementLevel} | \`${v.policyName}\` | ${cell(v.message)} |`);
    }
    lines.push("", "### Deploy readiness", "");
    const readiness = path.join(outDir, "readiness.md");
    lines.push(
        fs.existsSync(readiness)
            ? fs.readFileSync(readiness, "utf8").trim()
            : "The readiness analysis wrote no out/readiness.md in this run.",
    );
    lines.push("", "### Plan diff", "");
    const diff = path.join(outDir, "diff.md");
    lines.push(fs.existsSync(diff) ? fs.readFileSync(diff, "utf8").trim() : "No plan diff was produced: see the job log.");
    const footer = `\n---\nPlans, compliance reports, readiness and diff: ${artifactsUrl ? `[workflow run artifacts](${artifactsUrl})` : "the workflow run's artifacts"}.\n`;
    const body = lines.join("\n");
    const room = COMMENT_LIMIT - footer.length;
    return (body.length > room ? `${body.slice(0, room - 80)}\n\n… cut to fit a comment; the artifacts hold the rest.\n` : body) + footer;
}

if (require.main === module) {
    const { values } = parseArgs({
        args: process.argv.slice(2),
        options: {
            outcome: { type: "string", default: "failure" },
            out: { type: "string", default: "out" },
            artifacts: { type: "string", default: "" },
        },
    });
    fs.mkdirSync(values.out!, { recursive: true });
    fs.writeFileSync(path.join(values.out!, "pr-comment.md"), prComment(values.out!, values.outcome!, values.artifacts));
}
