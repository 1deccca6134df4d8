import type { ReadinessContext } from "./context";
import type { Finding, RuleInfo, RunRule, StackRule } from "./types";

/** A rule on one stack: what it says about itself, and its check (async when it simulates requests). */
export function stackRule(info: RuleInfo, check: (ctx: ReadinessContext, rule: RuleInfo) => Finding[] | Promise<Finding[]>): StackRule {
    return { ...info, check: (ctx) => check(ctx, info) };
}

/** A rule across the stacks of one run. */
export function runRule(info: RuleInfo, check: (stacks: ReadinessContext[], rule: RuleInfo) => Finding[]): RunRule {
    return { ...info, check: (stacks) => check(stacks, info) };
}
