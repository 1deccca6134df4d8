import { PlannedResource } from "../engine/plan";
import { ChangedResource, StackDiff, StatefulWarning } from "./compare";

/** Marks the comment so the workflow edits its own previous comment instead of adding one. */
export const COMMENT_MARKER = "<!-- careplane-plan-diff -->";

const VALUE_WIDTH = 80;

/** The plan diff of every stack as Markdown for a pull-request comment. */
export function renderMarkdown(diffs: StackDiff[], title: string): string {
    const warnings = diffs.flatMap((d) => d.warnings.map((w) => ({ stack: d.stack, w })));
    const lines = [COMMENT_MARKER, `## Plan diff: ${title}`, ""];
    if (warnings.length > 0) {
        lines.push(
            "> [!CAUTION]",
            `> **${warnings.length} change(s) put stored data at risk.** A deleted or replaced database, cache, bucket, vault, key or secret loses what it holds; a restore from backup is the only way back.`,
            ">",
            ...warnings.map(({ stack, w }) => `> - 🚨 **${stack}**: ${describeWarning(w)}`),
            "",
        );
    }
    lines.push("| stack | added | removed | changed | data at risk |", "|---|---:|---:|---:|---:|");
    for (const d of diffs) {
        lines.push(
            `| ${d.stack} | ${d.added.length} | ${d.removed.length} | ${d.changed.length} | ${d.warnings.length ? `🚨 ${d.warnings.length}` : 0} |`,
        );
    }
    for (const d of diffs) lines.push("", ...renderStack(d));
    return lines.join("\n") + "\n";
}

export function describeWarning(w: StatefulWarning): string {
    const what = `${w.stateful} ${code(w.resource.name)} (${code(w.resource.type)})`;
    const guard = w.resource.protect ? " It is protected: `pulumi up` will refuse until protect is lifted." : "";
    switch (w.kind) {
        case "delete":
            return w.movedTo
                ? `**DELETE** ${what}: its URN changes (moved to another parent), so Pulumi deletes and recreates it. Add an alias to keep it.${guard}`
                : `**DELETE** ${what}.${guard}`;
        case "replace":
            return `**REPLACE** ${what}: ${w.inputs.map(code).join(", ")} cannot change in place.${guard}`;
        case "unprotect":
            return `**UNPROTECT** ${what}: it loses Pulumi's protect flag, so a later change may delete it.`;
    }
}

function renderStack(d: StackDiff): string[] {
    const total = d.added.length + d.removed.length + d.changed.length;
    if (total === 0) return [`### ${d.stack}`, "", "No changes."];
    const lines = [`### ${d.stack}`, ""];
    if (d.added.length)
        lines.push(`<details><summary>Added (${d.added.length})</summary>`, "", ...resourceTable(d.added), "", "</details>", "");
    if (d.removed.length) lines.push(`**Removed (${d.removed.length})**`, "", ...resourceTable(d.removed), "");
    if (d.changed.length) lines.push(`**Changed (${d.changed.length})**`, "", ...d.changed.flatMap(renderChange), "");
    return lines;
}

function resourceTable(resources: PlannedResource[]): string[] {
    return ["| resource | type |", "|---|---|", ...resources.map((r) => `| ${cell(r.name)} | ${cell(r.type)} |`)];
}

function renderChange(c: ChangedResource): string[] {
    const keys = [...c.keys, ...(c.protectChanged ? ["(protect)"] : [])];
    const lines = [`- ${code(c.resource.name)} (${code(c.resource.type)}): ${keys.map(code).join(", ")}`];
    for (const ch of c.changes) lines.push(`  - ${code(ch.path)}: ${value(ch.before)} → ${value(ch.after)}`);
    if (c.protectChanged) lines.push(`  - protect: ${value(c.base.protect)} → ${value(c.resource.protect)}`);
    return lines;
}

function value(v: unknown): string {
    if (v === undefined) return "_(unset)_";
    const text = JSON.stringify(v);
    return code(text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text);
}

/** Inline code that survives a backtick in the text. */
function code(text: string): string {
    return "`" + text.replace(/`/g, "ˋ") + "`";
}

/** Inline code in a table cell, where a pipe would end the cell. */
function cell(text: string): string {
    return code(text).replace(/\|/g, "\\|");
}
