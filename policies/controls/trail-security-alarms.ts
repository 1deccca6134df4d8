import { stackControl } from "../lib/control";
import { alarmsOn, LOG_GROUP, METRIC_ALARM, METRIC_FILTER, notifiesTopic, TRAIL } from "../lib/detection";
import { ofType, referencedBy, referencing, Typed } from "../lib/stack";

/** A CloudTrail event a metric filter must pick out, by what its pattern must say. */
interface Signal {
    what: string;
    matches: (pattern: string) => boolean;
}

const eventName = (name: string): Signal => ({
    what: name,
    matches: (p) => new RegExp(`\\$\\.eventName\\s*=\\s*"?${name}"?(\\s|\\)|$)`).test(p),
});

/**
 * The account activity a HIPAA operator must hear about at once (CIS AWS Foundations 4.x and
 * issue 22 item 6): the trail switched off or changed, key policies and keys, threat detection,
 * the root user, console sign-in without MFA, and emergency access.
 */
const signals: Signal[] = [
    eventName("StopLogging"),
    eventName("DeleteTrail"),
    eventName("UpdateTrail"),
    eventName("PutKeyPolicy"),
    eventName("ScheduleKeyDeletion"),
    eventName("DisableKey"),
    eventName("DeleteDetector"),
    { what: "root account use", matches: (p) => /\$\.userIdentity\.type\s*=\s*"?Root"?/.test(p) },
    {
        what: "console sign-in without MFA",
        matches: (p) => /\$\.eventName\s*=\s*"?ConsoleLogin"?/.test(p) && /\$\.additionalEventData\.MFAUsed\s*!=\s*"?Yes"?/.test(p),
    },
    {
        what: "break-glass role assumed",
        matches: (p) =>
            /\$\.eventName\s*=\s*"?AssumeRole"?/.test(p) &&
            /\$\.requestParameters\.roleArn\s*=\s*"?[^"]*:role\/[^"]*-break-glass"?/.test(p),
    },
];

/** A P1 alarm: it notifies a topic and is marked critical (the severity the routing pages on). */
const isP1 = (alarm: Typed<typeof METRIC_ALARM>) => notifiesTopic(alarm) && alarm.props.tags?.Severity === "critical";

export const trailSecurityAlarms = stackControl({
    name: "careplane-trail-security-alarms",
    description:
        "The log group each CloudTrail trail delivers to has a metric filter for every security signal (StopLogging, DeleteTrail, UpdateTrail, PutKeyPolicy, ScheduleKeyDeletion, DisableKey, DeleteDetector, root account use, console sign-in without MFA, the break-glass role assumed), each with a critical alarm that notifies an SNS topic: someone is paged when the audit trail, the keys or detection are tampered with.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(C)", "164.308(a)(6)(ii)", "164.312(b)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [TRAIL, LOG_GROUP, METRIC_FILTER, "aws:cloudwatch/metricAlarm:MetricAlarm"],
    check: (resources, report) => {
        for (const trail of ofType(resources, TRAIL)) {
            const groups = referencedBy(trail, "cloudWatchLogsGroupArn").filter((d) => d.type === LOG_GROUP);
            const filters = groups.flatMap((g) => referencing(resources, g, "logGroupName", METRIC_FILTER));
            const missing: string[] = [];
            const unalarmed: string[] = [];
            for (const signal of signals) {
                const matching = filters.filter((f) => signal.matches(String(f.props.pattern ?? "")));
                if (matching.length === 0) missing.push(signal.what);
                else if (
                    !matching.some((f) =>
                        alarmsOn(resources, f.props.metricTransformation?.namespace, f.props.metricTransformation?.name).some(isP1),
                    )
                )
                    unalarmed.push(signal.what);
            }
            if (groups.length > 0 && missing.length > 0) {
                report(trail, {
                    problem: `no metric filter on the trail's log group picks out ${missing.join(", ")}`,
                    expected: "an aws.cloudwatch.LogMetricFilter on the trail's log group for each security signal",
                });
            }
            if (unalarmed.length > 0) {
                report(trail, {
                    problem: `no critical alarm notifying an SNS topic watches the metric of ${unalarmed.join(", ")}`,
                    expected:
                        "an aws.cloudwatch.MetricAlarm on each filter's metric, tagged Severity critical, with the alarm topic in alarmActions",
                });
            }
        }
    },
});
