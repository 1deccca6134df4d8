import { z } from "zod";

/** Whether the runtime knows an IANA time zone (SSM and EventBridge Scheduler take IANA names such as America/New_York). */
export function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return zone.includes("/") || zone === "UTC";
    } catch {
        return false;
    }
}

/**
 * An SSM cron expression: `cron(minutes hours day-of-month month day-of-week year)`, with `?` in one
 * of the two day fields and `DAY#n` for the n-th weekday of the month (Systems Manager user guide,
 * "Reference: Cron and rate expressions for Systems Manager").
 */
const cron = z
    .string({ error: "expected an SSM cron expression such as cron(0 1 ? * SUN#1 *)" })
    .regex(/^cron\(\d{1,2} \d{1,2} (\?|[\d,\-*\/L]+) (\*|[\d,\-\/]+|[A-Z,\-]+) (\?|\*|[A-Z]{3}(#[1-5])?|[A-Z,\-]+|[1-7](#[1-5])?) (\*|\d{4})\)$/, {
        error: "expected an SSM cron expression such as cron(0 1 ? * SUN#1 *)",
    })
    .refine((c) => c.split(" ").filter((f) => f === "?" || f.startsWith("?")).length === 1, {
        error: "expected ? in exactly one of day-of-month and day-of-week, such as cron(0 1 ? * SUN#1 *)",
    });

const maintenanceWindow = z.strictObject(
    {
        /** What the window is for, shown to whoever registers a task in it. */
        description: z
            .string({ error: "expected a sentence of up to 128 characters" })
            .min(1, { error: "expected a sentence of up to 128 characters" })
            .max(128, { error: "expected a sentence of up to 128 characters" }),
        schedule: cron,
        /** The schedule's time zone: the hospital's local time, daylight saving included. */
        timezone: z
            .string({ error: "expected an IANA time zone such as America/New_York" })
            .refine(isTimeZone, { error: "expected an IANA time zone such as America/New_York" })
            .default("UTC"),
        hours: z
            .number({ error: "expected an integer number of hours from 1 to 24" })
            .int({ error: "expected an integer number of hours from 1 to 24" })
            .min(1, { error: "expected an integer number of hours from 1 to 24" })
            .max(24, { error: "expected an integer number of hours from 1 to 24" }),
    },
    { error: "expected a mapping with description, schedule, timezone and hours" },
);

/**
 * `careplane:maintenance`: the change windows a system announces [000: weekly Sundays 2–4 AM,
 * monthly 1st Sunday 1–6 AM], as Systems Manager maintenance windows: on record in the account, in
 * local time, where patching and database tasks are registered. RDS and ElastiCache take their own
 * weekly windows in UTC (careplane:database / careplane:cache.maintenanceWindow).
 */
export function maintenanceSchema() {
    return z
        .strictObject(
            {
                windows: z
                    .record(
                        z.string().regex(/^[a-z][a-z0-9-]{2,40}$/, { error: "expected window names such as monthly-major" }),
                        maintenanceWindow,
                        { error: "expected a mapping of window name to settings" },
                    )
                    .default({}),
            },
            { error: "expected a mapping of maintenance settings (windows)" },
        )
        .prefault({});
}

export type MaintenanceConfig = z.output<ReturnType<typeof maintenanceSchema>>;
