import * as fs from "fs";
import * as path from "path";
import { Violation } from "../engine/analyzer";
import { Plan, readPlan } from "../engine/plan";
import { stackOrder } from "../engine/stack-files";
import { badge, esc, page, section, table } from "./html";
import { PlanIndex } from "./plan-index";

interface StackSummary {
    plan: Plan;
    violations: Violation[];
}

/** The landing page: this run's stacks and those an earlier run left in the output folder, and the plan diff if any. */
export function indexPage(outDir: string, results: StackSummary[]): string {
    const stacks = new Map<string, StackSummary>();
    for (const d of fs.readdirSync(outDir, { withFileTypes: true })) {
        const dir = path.join(outDir, d.name);
        if (!d.isDirectory() || !["index.html", "plan.json", "violations.json"].every((f) => fs.existsSync(path.join(dir, f)))) continue;
        stacks.set(d.name, {
            plan: readPlan(path.join(dir, "plan.json")),
            violations: JSON.parse(fs.readFileSync(path.join(dir, "violations.json"), "utf8")),
        });
    }
    for (const r of results) stacks.set(r.plan.stack, r);
    const names = [...stacks.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    const rows = names.map((stack) => {
        const { plan, violations } = stacks.get(stack)!;
        const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
        const index = new PlanIndex(plan);
        return [
            `<a href="${esc(encodeURIComponent(stack))}/index.html"><b>${esc(stack)}</b></a>`,
            esc(plan.environment),
            esc(index.primaryRegion),
            String(index.resources.length),
            `${badge(mandatory === 0, mandatory === 0 ? "compliant" : `${mandatory} mandatory`)}`,
            String(violations.length - mandatory),
            fs.existsSync(path.join(outDir, stack, "architecture.svg"))
                ? `<a href="${esc(encodeURIComponent(stack))}/architecture.svg">architecture.svg</a>`
                : "—",
        ];
    });
    const diffFile = path.join(outDir, "diff.md");
    const diff = fs.existsSync(diffFile) ? section("diff", "Plan diff", `<pre>${esc(fs.readFileSync(diffFile, "utf8"))}</pre>`) : "";
    const body = [
        `<h1>careplane stacks</h1>`,
        `<p class="subtitle">The offline preview's pages: the architecture, the HIPAA compliance report, alerts and retention of each stack.</p>`,
        section(
            "stacks",
            `Stacks (${names.length})`,
            table(["stack", "environment", "region", "resources", "policy pack", "advisory", "picture"], rows, "stacks"),
        ),
        diff,
    ];
    return page("careplane stacks", body.join("\n"));
}

function order(stack: string): number {
    const i = stackOrder.indexOf(stack);
    return i < 0 ? stackOrder.length : i;
}
