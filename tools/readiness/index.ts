// The deploy-readiness analysis: would AWS and Kubernetes accept this plan, in this order, from
// where CI runs, and can a dev or test stack be destroyed? It reads only plans (plan.json), so it
// runs the same on the program's plans and on saved or hand-edited ones (`--plan`).
import { Plan } from "../engine/plan";
import { ReadinessContext } from "./context";
import { FAMILIES, Finding, StackReadiness } from "./finding";
import { runRules, stackRules } from "./rules";
import { supportLines } from "./rules/calendars/calendars";

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
    return (await Promise.all(stackRules.map((rule) => rule.check(ctx)))).flat();
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** One stack's plan on its own: every rule but the account-level ones, which need the run's other stacks. */
export async function analyzeReadiness(plan: Plan, options: ReadinessOptions = {}): Promise<StackReadiness> {
    return (await analyzeRun([plan], options))[0];
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
        today: day(today),
        findings: [...perStack[i], ...shared.filter((f) => f.urn.startsWith(`urn:pulumi:${ctx.plan.stack}::`))].sort(byImportance),
        support: supportLines(ctx),
    }));
}
