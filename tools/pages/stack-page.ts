import { StackResult } from "../engine/result";
import { resourcesByComponent } from "../engine/summary";
import { complianceModel } from "../report/compliance";
import { alertCatalog } from "./alerts";
import { complianceSection, violationsSection } from "./compliance-section";
import { esc, page, section, table } from "./html";
import { Kind, kindOf } from "./kinds";
import { alertsSection, retentionSection } from "./operations-section";
import { PlanIndex } from "./plan-index";
import { readinessSection } from "./readiness-section";

export interface PageInputs {
    result: StackResult;
    /** The architecture picture as inline SVG, or why it could not be drawn. */
    svg: string | { error: string };
    /** The plan diff (Markdown) when the run has one. */
    diff: string | undefined;
}

/** One self-contained page per stack: counts, picture, violations, compliance, alerts, retention, diff. */
export function stackPage({ result, svg, diff }: PageInputs): string {
    const { plan, violations } = result;
    const index = new PlanIndex(plan);
    const title = `${plan.project} ${plan.stack} (${plan.environment})`;
    const body = [
        `<nav><a href="../index.html">all stacks</a><a href="#architecture">architecture</a><a href="#violations">violations</a>${result.readiness ? `<a href="#readiness">deploy readiness</a>` : ""}<a href="#compliance">compliance</a><a href="#alerts">alerts</a><a href="#retention">retention</a>${diff ? `<a href="#diff">plan diff</a>` : ""}<a href="#resources">resources</a></nav>`,
        `<h1>${esc(title)}</h1>`,
        `<p class="subtitle">Offline preview of stack <b>${esc(plan.stack)}</b> in region ${esc(index.primaryRegion)}: what the program would create, and what the careplane-hipaa policy pack says about it.</p>`,
        counts(result, index),
        architectureSection(svg),
        violationsSection(plan, violations),
        readinessSection(result.readiness),
        complianceSection(plan, violations),
        alertsSection(index),
        retentionSection(index),
        diff ? section("diff", "Plan diff", `<pre>${esc(diff)}</pre>`) : "",
        resourcesSection(result),
    ];
    return page(title, body.filter(Boolean).join("\n"));
}

const countedKinds: Array<[Kind, string]> = [
    ["subnet", "subnets"],
    ["compute", "compute"],
    ["workload", "workloads"],
    ["datastore", "data stores"],
    ["bucket", "buckets"],
    ["vault", "backup vaults"],
];

function counts(result: StackResult, index: PlanIndex): string {
    const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = result.violations.length - mandatory;
    const blockers = result.readiness?.findings.filter((f) => f.severity === "blocker").length ?? 0;
    const sections = complianceModel(result.plan, result.violations);
    const failingSections = sections.filter((s) => !s.passed).length;
    const box = (n: number | string, label: string, tone = "") =>
        `<div class="count ${tone}"><b>${esc(n)}</b><span>${esc(label)}</span></div>`;
    const boxes = [
        box(index.resources.length, "resources"),
        box(mandatory, "mandatory violations", mandatory > 0 ? "bad" : "good"),
        box(advisory, "advisory violations", advisory > 0 ? "bad" : ""),
        ...(result.readiness ? [box(blockers, "deploy blockers", blockers > 0 ? "bad" : "good")] : []),
        box(`${sections.length - failingSections}/${sections.length}`, "HIPAA sections passing", failingSections > 0 ? "bad" : "good"),
        ...countedKinds.map(([kind, label]) => box(index.resources.filter((r) => kindOf(r.type) === kind).length, label)),
        box(index.ofType(/^aws:kms\/key:Key$/).length, "KMS keys"),
        box(alertCatalog(index).alerts.length, "alerts"),
        box(new Set(index.resources.map((r) => index.regionOf(r))).size, "regions"),
    ];
    return `<div class="counts" id="counts">${boxes.join("")}</div>`;
}

function architectureSection(svg: PageInputs["svg"]): string {
    const legend = `<p class="legend"><span><i style="border-color:#1c7ed6"></i>allowed network path (security group)</span><span><i style="border-color:#c2255c;border-top-style:dashed"></i>backup</span><span><i style="border-color:#7048e8;border-top-style:dashed"></i>replication</span><span><i style="border-color:#c92a2a;border-top-style:dashed"></i>DR region boundary</span></p>`;
    const picture =
        typeof svg === "string"
            ? `<div class="picture">${svg}</div>\n<p class="muted">Full size: <a href="architecture.svg">architecture.svg</a></p>`
            : `<p class="message">The picture could not be drawn: ${esc(svg.error)}</p>`;
    return section("architecture", "Architecture", `${picture}\n${legend}`);
}

function resourcesSection(result: StackResult): string {
    const rows = [...resourcesByComponent(result.plan)].flatMap(([component, types]) =>
        [...types].map(([type, n], i) => [i === 0 ? `<b>${esc(component)}</b>` : "", `<code>${esc(type)}</code>`, String(n)]),
    );
    return section("resources", "Resources by component", table(["component", "type", "count"], rows));
}
