// What the trail's log group and EventBridge must raise as P1 security incidents [001, 004: a
// security breach is P1/critical], as data: CloudWatch Logs metric filters over CloudTrail's JSON
// events, and EventBridge patterns over the findings GuardDuty and IAM Access Analyzer publish.
import * as pulumi from "@pulumi/pulumi";
import { AlarmSpec, onAnyEvent } from "../monitoring/cloudwatch-alarms";
import { EventRoute } from "../monitoring/event-routes";

export interface SecuritySignal {
    /** Names the metric filter, its metric and its alarm (`<app>-<env>-security-<key>`). */
    key: string;
    description: string;
    /** A CloudWatch Logs filter pattern over CloudTrail events (JSON). */
    pattern: pulumi.Input<string>;
    /** Where the pattern comes from. */
    source: string;
}

/** The metric namespace of the trail's security filters; each stack's metrics carry its prefix. */
export const SECURITY_METRIC_NAMESPACE = "careplane/security";

/** Filter pattern syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html */
const anyOf = (...clauses: string[]) => `(${clauses.join(" || ")})`;
const event = (source: string, ...names: string[]) =>
    `($.eventSource = "${source}") && ${anyOf(...names.map((n) => `($.eventName = "${n}")`))}`;

/**
 * The account activity that must page someone at once [HIPAA 164.308(a)(1)(ii)(D), 164.312(b)]:
 * switching off or narrowing the audit trail, handing a key to someone else or destroying it,
 * switching off threat detection, the root user at work, a console sign-in without MFA, and the
 * break-glass role being assumed (every use of it is an incident to review).
 */
export function securitySignals(breakGlassRoleArn: pulumi.Input<string>): SecuritySignal[] {
    return [
        {
            key: "trail-changed",
            description: "CloudTrail logging stopped, the trail deleted, or its settings or event selectors changed",
            pattern: `{ ${event("cloudtrail.amazonaws.com", "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors")} }`,
            source: "CIS AWS Foundations 4.5 (CloudTrail configuration changes)",
        },
        {
            key: "key-policy-changed",
            description: "a KMS key policy was replaced (PutKeyPolicy)",
            pattern: `{ ${event("kms.amazonaws.com", "PutKeyPolicy")} }`,
            source: "issue 22 item 3: policy changes belong to break-glass",
        },
        {
            key: "key-deletion-scheduled",
            description: "a KMS key was scheduled for deletion",
            pattern: `{ ${event("kms.amazonaws.com", "ScheduleKeyDeletion")} }`,
            source: "CIS AWS Foundations 4.7 (disabling or scheduled deletion of CMKs)",
        },
        {
            key: "key-disabled",
            description: "a KMS key was disabled",
            pattern: `{ ${event("kms.amazonaws.com", "DisableKey")} }`,
            source: "CIS AWS Foundations 4.7 (disabling or scheduled deletion of CMKs)",
        },
        {
            key: "guardduty-disabled",
            description: "a GuardDuty detector was deleted or suspended",
            pattern: `{ ($.eventSource = "guardduty.amazonaws.com") && (($.eventName = "DeleteDetector") || (($.eventName = "UpdateDetector") && ($.requestParameters.enable IS FALSE))) }`,
            source: "issue 22 item 6: threat detection switched off",
        },
        {
            key: "root-account-used",
            description: "the account's root user made a request",
            pattern: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
            source: "CIS AWS Foundations 4.3 (usage of the root account)",
        },
        {
            key: "console-login-without-mfa",
            description: "an IAM user signed in to the console without MFA",
            pattern:
                '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
            source: "CIS AWS Foundations 4.2 (console sign-in without MFA)",
        },
        {
            key: "break-glass-assumed",
            description: "someone assumed (or tried to assume) the break-glass role",
            pattern: pulumi.interpolate`{ ${event("sts.amazonaws.com", "AssumeRole")} && ($.requestParameters.roleArn = "${breakGlassRoleArn}") }`,
            source: "issue 22 item 9: an alarm on every use of emergency access [164.312(a)(2)(ii)]",
        },
    ];
}

/** The alarm on one signal's metric: any matching event in five minutes is a P1. */
export function securityAlarm(signal: SecuritySignal, metricName: string): AlarmSpec {
    return {
        key: `security-${signal.key}`,
        severity: "critical",
        team: "security",
        description: `${signal.description} (${signal.source})`,
        sources: ["001", "004"],
        metric: { namespace: SECURITY_METRIC_NAMESPACE, metricName, dimensions: {}, stat: "Sum" },
        ...onAnyEvent,
    };
}

/** GuardDuty's high (7.0–8.9) and critical (9.0–10.0) findings. */
export const GUARDDUTY_P1_SEVERITY = 7;

/**
 * GuardDuty findings of high severity and above, new or updated [issue 19: security findings
 * reach someone]. Malware found by Malware Protection for S3 arrives as such a finding
 * (Object:S3/MaliciousFile) while the account's detector is on.
 * Event format: https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
 */
export const guardDutyFindingsRoute: EventRoute = {
    key: "security-guardduty-findings",
    severity: "critical",
    team: "security",
    description: `GuardDuty finding of severity ${GUARDDUTY_P1_SEVERITY} or more`,
    pattern: {
        source: ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        detail: { severity: [{ numeric: [">=", GUARDDUTY_P1_SEVERITY] }] },
    },
};

/**
 * IAM Access Analyzer's active findings: a resource of the account (bucket, key, role, secret,
 * topic, ...) is shared outside it [issue 22 item 9].
 * Event format: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-eventbridge.html
 */
export const accessAnalyzerFindingsRoute: EventRoute = {
    key: "security-external-access",
    severity: "critical",
    team: "security",
    description: "IAM Access Analyzer found a resource shared outside the account",
    pattern: {
        source: ["aws.access-analyzer"],
        "detail-type": ["Access Analyzer Finding"],
        detail: { status: ["ACTIVE"] },
    },
};
