import type { ReadinessContext } from "./context";

/** The nine families of the deploy-readiness analysis (docs/readiness.md says where each one's facts come from). */
export const FAMILIES = [
    "constraints",
    "prerequisites",
    "principals",
    "key-policies",
    "order",
    "reachability",
    "account",
    "calendars",
    "destroy",
] as const;
export type Family = (typeof FAMILIES)[number];

export type Severity = "blocker" | "warning";

/** One thing AWS or Kubernetes would refuse (blocker) or that will bite soon (warning). The shape is a shared decision (TEAM.md). */
export interface Finding {
    rule: string;
    family: Family;
    severity: Severity;
    /** The resource the finding is about; the stack's URN for findings about the stack as a whole. */
    urn: string;
    type: string;
    name: string;
    /** What AWS or Kubernetes would answer, in words. */
    message: string;
    /** The error AWS or Kubernetes would return, by its real name, where there is one. */
    awsError?: string;
    fix: string;
    /** Where the rule's fact comes from (an AWS or Kubernetes documentation page, a provider issue). */
    source: string;
}

/** What every rule says about itself; the registry lists them for the docs and the counts. */
export interface RuleInfo {
    id: string;
    family: Family;
    /** One line: what the rule demands. */
    description: string;
    source: string;
}

/** A rule evaluated on one stack's plan. */
export interface StackRule extends RuleInfo {
    check(ctx: ReadinessContext): Finding[] | Promise<Finding[]>;
}

/** A rule evaluated across the plans of one run (stacks sharing an AWS account and region). */
export interface RunRule extends RuleInfo {
    check(stacks: ReadinessContext[]): Finding[];
}
