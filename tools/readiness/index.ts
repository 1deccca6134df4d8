// The deploy-readiness analysis: would AWS and Kubernetes accept this plan, in this order, from
// where CI runs, and can a dev or test stack be destroyed? It reads only plans (plan.json), so it
// runs the same on the program's plans and on saved or hand-edited ones (`--plan`).
import { Plan } from "../engine/plan";
import { ReadinessContext } from "./context";
import { runRules, stackRules } from "./rules";
import { supportLines, SupportLine } from "./rules/calendars/calendars";
import { FAMILIES, Finding } from "./types";

export interface StackReadiness {
    stack: string;
    environment: string;
    findings: Finding[];
    /** Each pinned version and its standard support left today. */
    support: SupportLine[];
}

export interface ReadinessOptions {
    /** The day the support calendars are read on (today unless said). */
    today?: Date;
}

const severityRank = (f: Finding) => (f.severity === "blocker" ? 0 : 1);
const byImportance = (a: Finding, b: Finding) =>
    severityRank(a) - severityRank(b) ||
    FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) ||
    a.rule.localeCompare(b.rule) ||
    a.urn.localeCompare(b.urn);

async function stackFindings(ctx: ReadinessContext): Promise<Finding[]> {
    const found = await Promise.all(stackRules.map((rule) => rule.check(ctx)));
    return found.flat();
}

/** One stack's plan on its own (every rule but the cross-stack ones). */
export async function analyzeReadiness(plan: Plan, options: ReadinessOptions = {}): Promise<StackReadiness> {
    const ctx = new ReadinessContext(plan, options.today ?? new Date());
    return {
        stack: plan.stack,
        environment: plan.environment,
        findings: (await stackFindings(ctx)).sort(byImportance),
        support: supportLines(ctx),
    };
}

/** Every plan of a run: each stack's rules, then the account-level rules over the stacks that share an account and region. */
export async function analyzeRun(plans: Plan[], options: ReadinessOptions = {}): Promise<StackReadiness[]> {
    const today = options.today ?? new Date();
    const contexts = plans.map((p) => new ReadinessContext(p, today));
    const perStack = await Promise.all(contexts.map(stackFindings));
    const shared = runRules.flatMap((rule) => rule.check(contexts));
    return contexts.map((ctx, i) => ({
        stack: ctx.plan.stack,
        environment: ctx.environment,
        findings: [...perStack[i], ...shared.filter((f) => f.urn.startsWith(`urn:pulumi:${ctx.plan.stack}::`))].sort(byImportance),
        support: supportLines(ctx),
    }));
}

export const blockers = (r: { findings: Finding[] }) => r.findings.filter((f) => f.severity === "blocker");

export { stackRules, runRules };
export type { Finding };
