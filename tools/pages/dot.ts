import { spawnSync } from "child_process";
import { Diagram, DiagramCluster, DiagramEdge, DiagramNode, NodeStyle } from "./diagram";

/** Graphviz's layout program (Debian package graphviz). */
export const DOT = "dot";

const FONT = "DejaVu Sans,Helvetica,Arial,sans-serif";

const nodeColors: Record<NodeStyle, { fill: string; line: string }> = {
    internet: { fill: "#f1f3f5", line: "#868e96" },
    "subnet-public": { fill: "#e7f5ff", line: "#4dabf7" },
    "subnet-app": { fill: "#ebfbee", line: "#51cf66" },
    "subnet-data": { fill: "#fff4e6", line: "#ff922b" },
    subnet: { fill: "#f8f9fa", line: "#adb5bd" },
    gateway: { fill: "#f3f0ff", line: "#845ef7" },
    endpoint: { fill: "#f3f0ff", line: "#9775fa" },
    entry: { fill: "#e3fafc", line: "#15aabf" },
    compute: { fill: "#d3f9d8", line: "#2b8a3e" },
    workload: { fill: "#ffffff", line: "#40c057" },
    datastore: { fill: "#ffe8cc", line: "#d9480f" },
    bucket: { fill: "#fff9db", line: "#f08c00" },
    vault: { fill: "#fff0f6", line: "#c2255c" },
    "backup-plan": { fill: "#fff0f6", line: "#e64980" },
    "security-group": { fill: "#ffffff", line: "#495057" },
    summary: { fill: "#f8f9fa", line: "#495057" },
};

const clusterStyles: Record<DiagramCluster["style"], string> = {
    region: `style="rounded" color="#343a40" penwidth=2`,
    "dr-region": `style="rounded,dashed" color="#c92a2a" penwidth=2 fontcolor="#c92a2a"`,
    vpc: `style="rounded,filled" fillcolor="#f8fbff" color="#1c7ed6" penwidth=1.5`,
    az: `style="rounded,dashed" color="#74c0fc"`,
    container: `style="rounded,filled" fillcolor="#f4fcf5" color="#2b8a3e"`,
    group: `style="rounded" color="#adb5bd"`,
};

const edgeStyles: Record<DiagramEdge["style"], string> = {
    network: `color="#1c7ed6" fontcolor="#1c7ed6" penwidth=1.4`,
    backup: `color="#c2255c" fontcolor="#c2255c" style=dashed`,
    replication: `color="#7048e8" fontcolor="#7048e8" style=dashed penwidth=1.4`,
    internet: `color="#868e96"`,
};

/** DOT text for a diagram: clusters nest as drawn, tiers share a row across zones. */
export function toDot(d: Diagram): string {
    const lines = [
        "digraph architecture {",
        `  graph [label=${quote(d.title)} labelloc=t fontsize=16 fontname=${quote(FONT)} rankdir=TB newrank=true compound=true nodesep=0.35 ranksep=0.55 bgcolor="white" pad=0.3];`,
        `  node [shape=box style="rounded,filled" fontname=${quote(FONT)} fontsize=11 margin="0.12,0.06"];`,
        `  edge [fontname=${quote(FONT)} fontsize=9 arrowsize=0.7];`,
        ...d.nodes.map((n) => `  ${nodeLine(n)}`),
        ...d.clusters.flatMap((c) => clusterLines(c, "  ")),
    ];
    const all = [...d.nodes, ...d.clusters.flatMap(nodesIn)];
    for (const row of ["public", "app", "data"] as const) {
        const ids = all.filter((n) => n.row === row).map((n) => n.id);
        if (ids.length > 1) lines.push(`  { rank=same; ${ids.map(quote).join("; ")}; }`);
    }
    for (const chain of d.chains) {
        for (let i = 1; i < chain.length; i++) lines.push(`  ${quote(chain[i - 1])} -> ${quote(chain[i])} [style=invis];`);
    }
    for (const e of d.edges) {
        const ends = [e.fromBox && `ltail=cluster_${safe(e.fromBox)}`, e.toBox && `lhead=cluster_${safe(e.toBox)}`]
            .filter(Boolean)
            .join(" ");
        lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.label)} ${edgeStyles[e.style]}${ends ? ` ${ends}` : ""}];`);
    }
    lines.push("}");
    return lines.join("\n") + "\n";
}

/** Lays a diagram out with Graphviz and returns the SVG; throws when dot is missing or fails. */
export function renderSvg(dotText: string): string {
    const run = spawnSync(DOT, ["-Tsvg"], { input: dotText, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw new Error(`Graphviz ${DOT} could not run (${run.error.message}); install the Debian package graphviz`);
    if (run.status !== 0) throw new Error(`Graphviz ${DOT} failed (${run.status}): ${run.stderr.trim()}`);
    return run.stdout;
}

function clusterLines(c: DiagramCluster, indent: string): string[] {
    return [
        `${indent}subgraph cluster_${safe(c.id)} {`,
        `${indent}  label=${quote(c.label)} ${clusterStyles[c.style]} fontname=${quote(FONT)} fontsize=12;`,
        ...c.nodes.map((n) => `${indent}  ${nodeLine(n)}`),
        ...c.clusters.flatMap((inner) => clusterLines(inner, indent + "  ")),
        `${indent}}`,
    ];
}

function nodeLine(n: DiagramNode): string {
    const { fill, line } = nodeColors[n.style];
    const details = n.details.map((d) => `<br/><font point-size="9">${html(d)}</font>`).join("");
    const shape = n.style === "internet" ? ` shape=ellipse` : n.style === "datastore" || n.style === "bucket" ? ` shape=box` : "";
    return `${quote(n.id)} [label=<<b>${html(n.title)}</b>${details}> fillcolor="${fill}" color="${line}"${shape} tooltip=${quote(n.title)}];`;
}

function nodesIn(c: DiagramCluster): DiagramNode[] {
    return [...c.nodes, ...c.clusters.flatMap(nodesIn)];
}

function safe(id: string): string {
    return id.replace(/\W+/g, "_");
}

function quote(s: string): string {
    return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function html(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
