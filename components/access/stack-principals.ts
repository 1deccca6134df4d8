// The roles that administer a stack, by the names every component and the pipeline agree on
// (`<app>-<env>-<suffix>`). Resource policies name them by ARN in `aws:PrincipalArn` conditions,
// never as a `Principal`: KMS and IAM refuse a policy whose Principal does not exist yet, while a
// condition is a plain string, so a key can be created before the roles and survives their
// re-creation under the same name.
import type { PlatformContext } from "../context";

/** The MFA break-glass role (components/access/break-glass.ts). */
export const BREAK_GLASS_ROLE = "break-glass";
/** The role CI assumes to run `pulumi up` and `pulumi destroy` (the pipeline helper's). */
export const DEPLOY_ROLE = "ci-deploy";
/** The read-only role CI assumes to refresh a stack and report drift (the pipeline helper's). */
export const DRIFT_ROLE = "ci-drift";

/** Role and user ARNs of the principals that administer one stack in one account. */
export interface StackPrincipals {
    breakGlassRole: string;
    deployRole: string;
    driftRole: string;
    /** The account's root user (`aws:PrincipalArn` of the root user), the last resort AWS keeps. */
    rootUser: string;
}

export function stackPrincipals(p: {
    partition: string;
    accountId: string;
    app: string;
    environment: string;
    /** The stack's own break-glass role when its names differ from `<app>-<env>-` (a pilot light's `<app>-<env>-dr-`). */
    breakGlassRoleName?: string;
}): StackPrincipals {
    const role = (suffix: string) => `arn:${p.partition}:iam::${p.accountId}:role/${p.app}-${p.environment}-${suffix}`;
    return {
        breakGlassRole: p.breakGlassRoleName
            ? `arn:${p.partition}:iam::${p.accountId}:role/${p.breakGlassRoleName}`
            : role(BREAK_GLASS_ROLE),
        deployRole: role(DEPLOY_ROLE),
        driftRole: role(DRIFT_ROLE),
        rootUser: `arn:${p.partition}:iam::${p.accountId}:root`,
    };
}

/** How long a break-glass session lasts, and how recent its MFA must be (seconds). */
export const BREAK_GLASS_SESSION_SECONDS = 3600;

/** The conditions every break-glass permission carries: a session opened with MFA, within the hour. */
export const breakGlassSessionConditions = {
    Bool: { "aws:MultiFactorAuthPresent": "true" },
    NumericLessThan: { "aws:MultiFactorAuthAge": String(BREAK_GLASS_SESSION_SECONDS) },
};

/**
 * The principals of the stack a component belongs to: its own break-glass role (which a pilot light names
 * `<app>-<env>-dr-break-glass`), and the CI roles of its account and environment, which a pilot light shares with
 * its primary.
 */
export function principalsOf(ctx: PlatformContext, partition: string, accountId: string): StackPrincipals {
    return stackPrincipals({
        partition,
        accountId,
        app: ctx.app,
        environment: ctx.environment,
        breakGlassRoleName: ctx.name(BREAK_GLASS_ROLE),
    });
}
