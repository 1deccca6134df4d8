import { z } from "zod";
import { Environment } from "../profiles";

/**
 * The account-level audit services. Both are on by default; a non-prod stack that shares an
 * AWS account with prod may leave them to prod's stack (a detector and a multi-region trail are
 * per account), prod may not turn them off.
 */
export function auditSchema(env: Environment) {
    const flag = (what: string) =>
        z
            .boolean({ error: "expected true or false" })
            .refine((on) => on || env !== "prod", { error: `prod always runs ${what}; only true is allowed` })
            .default(true);
    return z.strictObject(
        {
            trail: flag("a multi-region CloudTrail trail"),
            guardDuty: flag("GuardDuty"),
        },
        { error: "expected a mapping of audit settings" },
    );
}

export type AuditConfig = z.output<ReturnType<typeof auditSchema>>;
