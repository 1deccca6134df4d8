/** The part of the plan diff (out/diff.md, Markdown) about one stack: its warnings and its `### <stack>` section. */
export function diffForStack(markdown: string, stack: string): string | undefined {
    const lines = markdown.split("\n");
    const start = lines.findIndex((l) => l.trim() === `### ${stack}`);
    if (start < 0) return undefined;
    const end = lines.findIndex((l, i) => i > start && /^#{1,3} /.test(l));
    const warnings = lines.filter((l) => l.includes(`**${stack}**:`));
    return [...warnings, ...(warnings.length ? [""] : []), ...lines.slice(start, end < 0 ? undefined : end)].join("\n").trim() + "\n";
}
