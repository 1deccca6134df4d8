// The figures the docs quote that the program can compute: per stack, its registrations, the pack's
// mandatory and advisory violations and the readiness findings; the pack's controls and the
// readiness rules. `npm run docs:figures` runs the four stacks and rewrites the marked blocks of
// README.md and docs/policies.md; tests/codebase/figures-doc.test.ts keeps them current.
import * as fs from "fs";
import * as path from "path";
import { controls } from "../../policies/pack";
import { PolicyAnalyzer, Violation } from "../engine/analyzer";
import { Plan } from "../engine/plan";
import { runProgram } from "../engine/program";
import { findStackFiles, readStackFile } from "../engine/stack-files";
import { analyzeRun } from "../readiness";
import { StackReadiness } from "../readiness/finding";
import { runRules, stackRules } from "../readiness/rules";
import { CONSTRAINTS } from "../readiness/rules/constraints/generated";
import { replaceBlock } from "./blocks";

const ROOT = path.resolve(__dirname, "../..");
export const FIGURE_DOCS = [path.join(ROOT, "README.md"), path.join(ROOT, "docs/policies.md")];
const BLOCK = "figures";

export interface StackFigures {
    stack: string;
    registrations: number;
    mandatory: number;
    advisory: number;
    blockers: number;
    warnings: number;
}

export function stackFigures(plan: Plan, violations: Violation[], readiness: StackReadiness): StackFigures {
    const level = (l: string) => violations.filter((v) => v.enforcementLevel === l).length;
    const severity = (s: string) => readiness.findings.filter((f) => f.severity === s).length;
    return {
        stack: plan.stack,
        registrations: plan.resources.length,
        mandatory: level("mandatory"),
        advisory: level("advisory"),
        blockers: severity("blocker"),
        warnings: severity("warning"),
    };
}

/** The generated block: a table per stack, then what the pack and the readiness analysis hold. */
export function figuresBlock(stacks: StackFigures[], day: string): string {
    const mandatory = controls.filter((c) => c.meta.enforcementLevel === "mandatory").length;
    const rules = stackRules.length + runRules.length;
    return [
        `The four stacks, as \`npm start\` reads them (readiness calendars read on ${day}):`,
        "",
        "| stack | registrations | mandatory | advisory | deploy blockers | readiness warnings |",
        "|---|---|---|---|---|---|",
        ...stacks.map((s) => `| ${s.stack} | ${s.registrations} | ${s.mandatory} | ${s.advisory} | ${s.blockers} | ${s.warnings} |`),
        "",
        `The pack holds ${controls.length} controls (${mandatory} mandatory); the readiness analysis ${rules} rules (${CONSTRAINTS.length} generated from AWS's API models).`,
    ].join("\n");
}

export function renderFigures(doc: string, block: string): string {
    return replaceBlock(doc, BLOCK, "npm run docs:figures", block);
}

/** The day the committed figures were read on, so a test reruns the same calendars. */
export function figuresDay(doc: string): string {
    const day = /readiness calendars read on (\d{4}-\d{2}-\d{2})/.exec(doc)?.[1];
    if (!day) throw new Error("the figures block names no day");
    return day;
}

/** Runs the repository's stacks under the mock engine with the pack and the readiness analysis. */
async function measure(day: string): Promise<StackFigures[]> {
    const analyzer = await PolicyAnalyzer.start();
    try {
        const plans: Plan[] = [];
        const violations: Violation[][] = [];
        for (const stack of findStackFiles(ROOT)) {
            const plan = await runProgram(readStackFile(ROOT, stack));
            plans.push(plan);
            violations.push(await analyzer.evaluate(plan));
        }
        const readiness = await analyzeRun(plans, { today: new Date(`${day}T12:00:00Z`) });
        return plans.map((plan, i) => stackFigures(plan, violations[i], readiness[i]));
    } finally {
        await analyzer.stop();
    }
}

if (require.main === module) {
    const day = new Date().toISOString().slice(0, 10);
    measure(day).then(
        (stacks) => {
            for (const file of FIGURE_DOCS) {
                fs.writeFileSync(file, renderFigures(fs.readFileSync(file, "utf8"), figuresBlock(stacks, day)));
                console.log(`wrote ${path.relative(process.cwd(), file)}`);
            }
            process.exit(0);
        },
        (err) => {
            console.error(err);
            process.exit(1);
        },
    );
}
