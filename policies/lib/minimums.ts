// The legal and contractual floors the pack enforces, by environment [seed 000, 003, 004].
// A resource's environment comes from its Environment tag; pack config may raise these.

export type Environment = "dev" | "test" | "staging" | "prod";

export const SEVEN_YEARS_DAYS = 2557;

export const backupRetentionDays: Record<Environment, number> = { dev: 30, test: 90, staging: 90, prod: SEVEN_YEARS_DAYS };

/** CloudWatch retention: operational logs 30 days everywhere [003, 004]; audit-class logs longer. */
export const logRetentionDays: Record<Environment, { application: number; audit: number }> = {
    dev: { application: 30, audit: 30 },
    test: { application: 30, audit: 90 },
    staging: { application: 30, audit: 90 },
    prod: { application: 30, audit: 365 },
};

export function isEnvironment(value: unknown): value is Environment {
    return value === "dev" || value === "test" || value === "staging" || value === "prod";
}
