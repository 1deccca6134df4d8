import { z } from "zod";
import { cloudWatchRetentionDays, Environment } from "../profiles";

/** A value is acceptable when the profile does not demand the stronger setting, or it has it. */
export function atLeastProfile<T>(demanded: boolean, isStrong: (value: T) => boolean) {
    return (value: T) => !demanded || isStrong(value);
}

/** A CloudWatch retention period that is one AWS accepts and no shorter than the environment's floor. */
export function retentionDays(minimum: number, env: Environment, what: string) {
    const allowed = cloudWatchRetentionDays.filter((d) => d >= minimum);
    return z
        .number({ error: `expected a number of days, one of ${allowed.join(", ")}` })
        .refine((d) => d >= minimum, { error: `${env} keeps ${what} at least ${minimum} days; use one of ${allowed.join(", ")}` })
        .refine((d) => (cloudWatchRetentionDays as readonly number[]).includes(d), {
            error: `CloudWatch accepts only ${allowed.join(", ")}`,
        })
        .default(minimum);
}
