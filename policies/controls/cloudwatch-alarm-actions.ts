import { resourceControl } from "../lib/control";

export const cloudwatchAlarmActions = resourceControl({
    name: "careplane-cloudwatch-alarm-actions",
    description: "Every CloudWatch alarm notifies someone: actions enabled and at least one alarm action.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)", "164.312(b)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-CloudWatchAlarmAction"],
    types: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
    check: (props) => {
        if (props.actionsEnabled === false) return { problem: "its actions are disabled", expected: "actionsEnabled unset or true" };
        if ((props.alarmActions ?? []).length === 0)
            return { problem: "it has no alarm action", expected: "alarmActions naming the alerts SNS topic" };
        return undefined;
    },
});
