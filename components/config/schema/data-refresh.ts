import { z } from "zod";
import { Environment } from "../profiles";

/** The environments that may run on prod's scrubbed data [000: staging "recent production backup (anonymized)", test "production-like test data (anonymized)"]. */
export const refreshTargets = ["staging", "test"] as const;

const ACCOUNT = 'expected the 12-digit AWS account id as a quoted string, such as "210987654321"';

/**
 * `careplane:dataRefresh` (prod only): the accounts prod's scrubbed database snapshots are shared
 * with. With it, prod creates the KMS key the scrub re-encrypts a snapshot under before sharing it
 * (RDS refuses to share one under the AWS managed key, and prod's data key admits no other
 * account); tools/staging-refresh/refresh.sh and docs/runbooks.md "Refresh staging from prod" use it.
 */
export function dataRefreshSchema(env: Environment) {
    const target = z.strictObject(
        {
            environment: z.enum(refreshTargets, {
                error: `expected one of ${refreshTargets.join(", ")}: the environment refreshed from prod`,
            }),
            account: z.string({ error: ACCOUNT }).regex(/^\d{12}$/, { error: ACCOUNT }),
        },
        { error: 'expected a mapping { environment: staging|test, account: "<12 digits>" }' },
    );
    return z
        .strictObject(
            {
                targets: z
                    .array(target, { error: "expected a list of { environment, account }" })
                    .min(1, { error: "expected at least one { environment, account }" })
                    .refine((ts) => new Set(ts.map((t) => t.environment)).size === ts.length, {
                        error: "expected each environment once",
                    }),
            },
            { error: "expected a mapping { targets: [{ environment, account }] }" },
        )
        .refine(() => env === "prod", { error: `only the prod stack shares its scrubbed data; remove it from this ${env} stack` })
        .optional();
}

export type DataRefreshConfig = z.output<ReturnType<typeof dataRefreshSchema>>;

/** A target is another account: prod's own account never receives its own share. */
export function targetsAreOtherAccounts(
    cfg: { dataRefresh?: NonNullable<DataRefreshConfig>; account: { id: string } },
    ctx: z.RefinementCtx,
): void {
    cfg.dataRefresh?.targets.forEach((t, i) => {
        if (t.account === cfg.account.id) {
            ctx.addIssue({
                code: "custom",
                path: ["dataRefresh", "targets", i, "account"],
                message: `that is prod's own account; expected the account of the ${t.environment} stack`,
            });
        }
    });
}
