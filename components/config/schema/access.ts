import { z } from "zod";

/** The shortest idle timeout Session Manager accepts, in minutes. */
const IDLE = { min: 1 };

/** An IAM user name (optionally under a path), as IAM allows them: letters, digits and +=,.@_- . */
const iamUserName = z
    .string({ error: "expected IAM user names such as alice or security/alice" })
    .regex(/^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, { error: "expected IAM user names such as alice or security/alice" });

const BREAK_GLASS_HINT = "name the IAM users of this account who may assume the break-glass role with MFA, such as { users: [alice, bob] }";

/**
 * The people who may assume the break-glass role [HIPAA 164.312(a)(2)(ii) emergency access]: IAM
 * users of the stack's own account, signing in with MFA. Required: the keys' policies can be
 * changed only through that role, so a stack without holders could not administer its keys.
 */
function breakGlassSchema() {
    return z.strictObject(
        {
            users: z
                .array(iamUserName, { error: BREAK_GLASS_HINT })
                .min(1, { error: BREAK_GLASS_HINT })
                .max(10, { error: "at most 10 people hold break-glass access; keep the list to those on the emergency procedure" })
                .refine((users) => new Set(users).size === users.length, { error: "expected each user once" }),
        },
        { error: BREAK_GLASS_HINT },
    );
}

/**
 * `careplane:access`: administrative access without SSH [001 ran an SSH bastion]: Session Manager
 * sessions and ECS Exec, every keystroke logged to an encrypted log group. Off unless a stack asks.
 */
export function accessSchema() {
    return z.strictObject(
        {
            sessionManager: z.boolean({ error: "expected true or false" }).default(false),
            idleTimeoutMinutes: z
                .number({ error: `expected an integer number of minutes from ${IDLE.min} to 20` })
                .int({ error: `expected an integer number of minutes from ${IDLE.min} to 20` })
                .min(IDLE.min, { error: `expected an integer number of minutes from ${IDLE.min} to 20` })
                // HIPAA automatic logoff, 164.312(a)(2)(iii): an idle administrative session ends within 20 minutes.
                .max(20, { error: "idle administrative sessions end within 20 minutes; use an integer from 1 to 20" })
                .default(20),
            breakGlass: breakGlassSchema(),
        },
        { error: "expected a mapping of access settings (breakGlass, sessionManager, idleTimeoutMinutes)" },
    );
}

export type AccessConfig = z.output<ReturnType<typeof accessSchema>>;
