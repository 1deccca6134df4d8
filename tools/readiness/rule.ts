import type { ReadinessContext } from "./context";
import type { Finding, RuleInfo } from "./finding";

/** A rule evaluated on one stack's plan (async when it simulates requests). */
export interface StackRule extends RuleInfo {
    check(ctx: ReadinessContext): Finding[] | Promise<Finding[]>;
}

/** A rule evaluated across the plans of one run (stacks sharing an AWS account and region). */
export interface RunRule extends RuleInfo {
    check(stacks: ReadinessContext[]): Finding[];
}

export function stackRule(info: RuleInfo, check: (ctx: ReadinessContext, rule: RuleInfo) => Finding[] | Promise<Finding[]>): StackRule {
    return { ...info, check: (ctx) => check(ctx, info) };
}

export function runRule(info: RuleInfo, check: (stacks: ReadinessContext[], rule: RuleInfo) => Finding[]): RunRule {
    return { ...info, check: (stacks) => check(stacks, info) };
}
