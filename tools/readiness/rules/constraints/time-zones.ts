// The services that fire on a local-time schedule take the zone by its IANA name.
import { isTimeZone } from "../../../../components/config/schema/maintenance";
import { stackRule } from "../../rule";
import { T } from "../aws";

/** Local-time schedules: each type's time zone input and the page that says it takes an IANA name. */
const ZONED: Array<{ type: string; input: string; source: string }> = [
    {
        type: T.schedule,
        input: "scheduleExpressionTimezone",
        source: "https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html",
    },
    {
        type: T.scheduledAction,
        input: "timezone",
        source: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html",
    },
    {
        type: T.maintenanceWindow,
        input: "scheduleTimezone",
        source: "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CreateMaintenanceWindow.html",
    },
];

export const scheduleTimeZones = stackRule(
    {
        id: "constraints/schedule-time-zone",
        family: "constraints",
        description:
            "A schedule in local time (EventBridge Scheduler, Application Auto Scaling scheduled action, SSM maintenance window) names an IANA time zone",
        // One page for the table; each finding names its own service's page.
        source: ZONED[0].source,
    },
    (ctx, rule) =>
        ZONED.flatMap((z) =>
            ctx.ofType(z.type).flatMap((r) => {
                const zone = r.inputs[z.input];
                if (typeof zone !== "string" || isTimeZone(zone)) return [];
                return [
                    ctx.finding(rule, r, {
                        message: `${z.input} "${zone}" is not an IANA time zone name; the service refuses it (${z.source})`,
                        awsError: "ValidationException",
                        fix: "name the zone as the IANA database does, such as America/New_York (not EST or UTC-5)",
                    }),
                ];
            }),
        ),
);
