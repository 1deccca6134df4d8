import { aws, Fixture, patch, res, specControl, without } from "../../support/controls";
import { alarmKey, ARN, LOG_GROUP, topic, TRAIL } from "../baselines/detection";

const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
// ---- the trail's security alarms ----------------------------------------------------------------
const trailGroup = aws(
    LOG_GROUP,
    "trail-logs",
    { name: "/careplane/trail", kmsKeyId: "k", retentionInDays: 365 },
    {},
    "prod",
    "confidential",
);
const trail = aws(
    TRAIL,
    "trail",
    { s3BucketName: "audit", cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/careplane/trail:*" },
    { cloudWatchLogsGroupArn: trailGroup },
    "prod",
    "confidential",
);
const signalPatterns: Record<string, string> = {
    trail: '{ ($.eventSource = "cloudtrail.amazonaws.com") && (($.eventName = "StopLogging") || ($.eventName = "DeleteTrail") || ($.eventName = "UpdateTrail")) }',
    "key-policy": '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "PutKeyPolicy")) }',
    "key-deletion": '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "ScheduleKeyDeletion")) }',
    "key-disabled": '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey")) }',
    guardduty: '{ ($.eventSource = "guardduty.amazonaws.com") && ($.eventName = "DeleteDetector") }',
    root: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) }',
    mfa: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    "break-glass": `{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "${ARN}:role/caresync-prod-break-glass") }`,
};
const signalFixtures = Object.entries(signalPatterns).flatMap(([key, pattern]): Fixture[] => [
    res(
        FILTER,
        `filter-${key}`,
        { logGroupName: "/careplane/trail", pattern, metricTransformation: { name: key, namespace: "careplane/security", value: "1" } },
        { logGroupName: trailGroup },
    ),
    aws(
        ALARM,
        `alarm-${key}`,
        {
            namespace: "careplane/security",
            metricName: key,
            alarmActions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
            tags: { Environment: "prod", DataClassification: "internal", Owner: "platform-team", Severity: "critical" },
        },
        { alarmActions: topic },
        "prod",
        "internal",
    ),
]);
const watchedTrail = [trailGroup, trail, alarmKey, topic, ...signalFixtures];
specControl("careplane-trail-security-alarms", {
    passes: [
        { it: "a trail whose log group has a filter and a critical alarm for every signal", fixtures: watchedTrail },
        {
            it: "a trail that delivers to no log group (careplane-cloudtrail-trail-configured's case)",
            fixtures: [patch([trail], "trail", { cloudWatchLogsGroupArn: undefined })[0]].map((t) => ({
                ...t,
                propertyDependencies: {},
                dependencies: [],
            })),
        },
    ],
    fails: [
        {
            it: "no filter for StopLogging, DeleteTrail and UpdateTrail",
            fixtures: without(watchedTrail, "filter-trail"),
            message:
                "trail (aws:cloudtrail/trail:Trail): no metric filter on the trail's log group picks out StopLogging, DeleteTrail, UpdateTrail",
        },
        {
            it: "a console-login filter that does not look at MFA",
            fixtures: patch(watchedTrail, "filter-mfa", { pattern: '{ ($.eventName = "ConsoleLogin") }' }),
            message: "picks out console sign-in without MFA",
        },
        {
            it: "a break-glass filter on another role",
            fixtures: patch(watchedTrail, "filter-break-glass", {
                pattern: `{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "${ARN}:role/admin") }`,
            }),
            message: "picks out break-glass role assumed",
        },
        {
            it: "the root filter's alarm rated high, not critical",
            fixtures: patch(watchedTrail, "alarm-root", {
                tags: { Environment: "prod", DataClassification: "internal", Owner: "platform-team", Severity: "high" },
            }),
            message: "no critical alarm notifying an SNS topic watches the metric of root account use",
        },
        {
            it: "the key-deletion alarm with its actions disabled",
            fixtures: patch(watchedTrail, "alarm-key-deletion", { actionsEnabled: false }),
            message: "no critical alarm notifying an SNS topic watches the metric of ScheduleKeyDeletion",
        },
    ],
});
