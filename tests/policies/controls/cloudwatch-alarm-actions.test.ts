import { aws, patch, specControl } from "../../support/controls";

const alarm = aws("aws:cloudwatch/metricAlarm:MetricAlarm", "db-cpu", {
    metricName: "CPUUtilization",
    threshold: 80,
    alarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"],
});
specControl("careplane-cloudwatch-alarm-actions", {
    passes: [{ it: "an alarm notifying the alerts topic", fixtures: [alarm] }],
    fails: [
        {
            it: "an alarm without actions",
            fixtures: patch([alarm], "db-cpu", { alarmActions: undefined }),
            message: "db-cpu (aws:cloudwatch/metricAlarm:MetricAlarm): it has no alarm action",
        },
        {
            it: "an alarm with actions disabled",
            fixtures: patch([alarm], "db-cpu", { actionsEnabled: false }),
            message: "its actions are disabled",
        },
    ],
});
