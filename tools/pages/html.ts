// Small helpers for writing self-contained pages: every value escaped, all styles inline, no scripts.

export function esc(value: unknown): string {
    return String(value ?? "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;");
}

/** A table from rows of already-escaped cells. */
export function table(headers: string[], rows: string[][], className = ""): string {
    if (rows.length === 0) return "";
    const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
    const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
    return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function badge(passed: boolean, text = passed ? "pass" : "fail"): string {
    return `<span class="badge ${passed ? "pass" : "fail"}">${esc(text)}</span>`;
}

export function section(id: string, title: string, body: string): string {
    return `<section id="${esc(id)}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
}

export function page(title: string, body: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const STYLE = `
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1.5rem 2rem 4rem; color: #212529; background: #fff; line-height: 1.4; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { margin-top: 2.2rem; border-bottom: 2px solid #dee2e6; padding-bottom: .3rem; font-size: 1.25rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
a { color: #1c7ed6; }
.subtitle { color: #495057; margin: 0 0 1rem; }
nav a { margin-right: 1rem; }
.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: .6rem; margin: 1rem 0; }
.count { border: 1px solid #dee2e6; border-radius: 8px; padding: .6rem .8rem; }
.count b { display: block; font-size: 1.5rem; }
.count span { color: #495057; font-size: .85rem; }
.count.bad { border-color: #fa5252; background: #fff5f5; }
.count.good { border-color: #69db7c; background: #ebfbee; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid #dee2e6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f3f5; }
tr.failed td { background: #fff5f5; }
code { font-size: .85em; background: #f1f3f5; padding: 0 .2em; border-radius: 3px; word-break: break-all; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .45rem; font-size: .8rem; font-weight: bold; color: #fff; }
.badge.pass { background: #2f9e44; }
.badge.fail { background: #e03131; }
.badge.advisory { background: #f08c00; }
.sev { font-weight: bold; }
.sev-critical, .sev-p1 { color: #c92a2a; }
.sev-high, .sev-p2 { color: #e8590c; }
.sev-medium, .sev-warning, .sev-p3 { color: #e67700; }
.sev-low, .sev-p4, .sev-info { color: #1971c2; }
details { border: 1px solid #dee2e6; border-radius: 6px; margin: .4rem 0; padding: .3rem .7rem; }
details.failed { border-color: #ffa8a8; }
summary { cursor: pointer; font-weight: bold; }
.picture { overflow-x: auto; border: 1px solid #dee2e6; border-radius: 8px; padding: .5rem; background: #fff; }
.picture svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.legend span { display: inline-block; margin-right: 1.2rem; font-size: .85rem; }
.legend i { display: inline-block; width: 28px; height: 0; vertical-align: middle; margin-right: .3rem; border-top: 2px solid; }
.message { color: #c92a2a; }
.muted { color: #868e96; }
pre { background: #f8f9fa; border: 1px solid #dee2e6; padding: .8rem; overflow-x: auto; font-size: .82rem; }
`;
