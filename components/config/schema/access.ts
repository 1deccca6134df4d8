import { z } from "zod";

/** The shortest idle timeout Session Manager accepts, in minutes. */
const IDLE = { min: 1 };

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
        },
        { error: "expected a mapping of access settings (sessionManager, idleTimeoutMinutes)" },
    );
}

export type AccessConfig = z.output<ReturnType<typeof accessSchema>>;
