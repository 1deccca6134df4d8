import { z } from "zod";
import { Environment } from "../profiles";

/**
 * `careplane:account`: the AWS account the stack deploys into (also pinned as
 * `aws:allowedAccountIds`, so the provider refuses credentials of any other account), and whether
 * this stack owns the account's regional singletons: the GuardDuty detector, EBS encryption by
 * default and the S3 account public access block. Exactly one stack per account and region owns
 * them (checked against the sibling stack files, see sibling-stacks.ts); the GitHub OIDC provider,
 * the other account singleton, belongs to the account's bootstrap stack (docs/cicd.md).
 */
export function accountSchema(env: Environment) {
    return z.strictObject(
        {
            id: z
                .string({ error: 'expected the 12-digit AWS account id as a quoted string, such as "123456789012"' })
                .regex(/^\d{12}$/, { error: 'expected the 12-digit AWS account id as a quoted string, such as "123456789012"' }),
            singletons: z
                .boolean({ error: "expected true or false: whether this stack owns the account's singletons" })
                // Prod's account holds prod alone, so prod owns its singletons (and the pack wants its detector).
                .refine((owns) => owns || env !== "prod", {
                    error: "prod's account holds prod alone, so prod owns its singletons; only true is allowed",
                }),
        },
        { error: 'expected a mapping { id: "<12 digits>", singletons: true|false }' },
    );
}

export type AccountConfig = z.output<ReturnType<typeof accountSchema>>;
