// What the deploy-readiness analysis reports (the shape is a shared decision, TEAM.md).

/** The nine families of rules (docs/readiness.md says where each one's facts come from). */
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

/** One thing AWS or Kubernetes would refuse (blocker) or that will bite soon (warning). */
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

/** A pinned version and its standard support left on the day of the preview. */
export interface SupportLine {
    subject: string;
    version: string;
    resource: string;
    ends: string | undefined;
    daysLeft: number | undefined;
}

/** The analysis of one stack. */
export interface StackReadiness {
    stack: string;
    environment: string;
    /** The day the calendars were read on (YYYY-MM-DD). */
    today: string;
    findings: Finding[];
    support: SupportLine[];
}
