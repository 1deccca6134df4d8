import { z } from "zod";
import { Environment, EnvironmentProfile } from "../profiles";
import { isTimeZone } from "./maintenance";

const DAY = "(SUN|MON|TUE|WED|THU|FRI|SAT)";
/** A cron day-of-week field of day names and ranges, such as MON-FRI or MON-FRI,SAT (EventBridge Scheduler's cron). */
const DAYS = new RegExp(`^${DAY}(-${DAY})?(,${DAY}(-${DAY})?)*$`);

const hour = (allowed: string, min: number, max: number) =>
    z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed });

/**
 * `careplane:uptime`: when the stack's compute runs [000: dev business hours only, test business hours +
 * extended testing windows, staging and prod 24/7]. `business-hours` scales the EKS nodes or the ECS services
 * to zero from `end` to `start` o'clock, and on days outside `days`, in `timezone` (components/uptime). Dev and
 * test default to the profile's hours and may run 24x7 instead; staging and prod run 24x7 and nothing else.
 */
export function uptimeSchema(profile: EnvironmentProfile, env: Environment) {
    const hours = profile.businessHours;
    const mode = z
        .enum(["business-hours", "24x7"], { error: "expected business-hours or 24x7" })
        .default(profile.uptime)
        .refine((m) => m === "24x7" || hours !== undefined, {
            error: `${env} runs 24x7 [seed 000]: only dev and test may scale down outside business hours; expected 24x7`,
        });
    return z
        .strictObject(
            {
                mode,
                days: z
                    .string({ error: "expected cron day names and ranges such as MON-FRI" })
                    .regex(DAYS, { error: "expected cron day names and ranges such as MON-FRI" })
                    .default(hours?.days ?? "MON-FRI"),
                start: hour("expected the hour the stack scales up, an integer from 0 to 22", 0, 22).default(hours?.start ?? 7),
                end: hour("expected the hour the stack scales down, an integer from 1 to 23", 1, 23).default(hours?.end ?? 19),
                timezone: z
                    .string({ error: "expected an IANA time zone such as America/New_York" })
                    .refine(isTimeZone, { error: "expected an IANA time zone such as America/New_York" })
                    .default(hours?.timezone ?? "America/New_York"),
            },
            { error: "expected a mapping of uptime settings (mode, days, start, end, timezone)" },
        )
        .refine((u) => u.end > u.start, {
            path: ["end"],
            error: "expected an hour after start: the stack runs from start to end on the same day",
        })
        .prefault({});
}

export type UptimeConfig = z.output<ReturnType<typeof uptimeSchema>>;
