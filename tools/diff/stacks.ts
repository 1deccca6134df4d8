import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Plan, readPlan } from "../engine/plan";
import { stackOrder } from "../engine/stack-files";
import { previewBaseRef, previewInto, resolveCommit } from "./base-ref";
import { diffPlans, StackDiff } from "./compare";

export interface DiffResult {
    diffs: StackDiff[];
    /** What was compared, for the Markdown heading. */
    title: string;
}

/**
 * A git ref's plans (previewed in a temporary copy of its tree) against the head's, of the given
 * stacks or all. The head is previewed afresh too (a plan left in out/ may come from another
 * commit or an edited tree), unless headDir names plans the caller vouches for.
 */
export function diffAgainstRef(ref: string, root: string, headDir: string | undefined, stacks: string[] = []): DiffResult {
    const commit = resolveCommit(ref, root);
    const chosen = (plans: Plan[]) => (stacks.length ? plans.filter((p) => stacks.includes(p.stack)) : plans);
    const fresh = headDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), "careplane-head-")) : undefined;
    try {
        if (fresh) {
            console.error("▸ head: previewing the work tree as it is");
            previewInto(root, fresh, stacks);
        }
        console.error(`▸ base ${ref} (${commit.slice(0, 12)}): previewing its tree`);
        const base = previewBaseRef(commit, root, stacks);
        try {
            const title = `base \`${ref}\` (${commit.slice(0, 12)}) → head`;
            return { diffs: diffStacks(chosen(plansIn(base.outDir)), chosen(plansIn(fresh ?? headDir!))), title };
        } finally {
            base.cleanup();
        }
    } finally {
        if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
    }
}

export function diffPlanFiles(baseFile: string, headFile: string): DiffResult {
    return { diffs: [diffPlans(readPlan(baseFile), readPlan(headFile))], title: `\`${baseFile}\` → \`${headFile}\`` };
}

/** Every stack's plan in an out folder (<stack>/plan.json). */
export function plansIn(dir: string): Plan[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((stack) => fs.existsSync(path.join(dir, stack, "plan.json")))
        .map((stack) => readPlan(path.join(dir, stack, "plan.json")));
}

/** One diff per stack found on either side, dev → prod first, then any others by name. */
export function diffStacks(base: Plan[], head: Plan[]): StackDiff[] {
    const stacks = [...new Set([...head, ...base].map((p) => p.stack))];
    const rank = (s: string) => (stackOrder.includes(s) ? stackOrder.indexOf(s) : stackOrder.length);
    stacks.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    return stacks.map((s) =>
        diffPlans(
            base.find((p) => p.stack === s),
            head.find((p) => p.stack === s),
        ),
    );
}
