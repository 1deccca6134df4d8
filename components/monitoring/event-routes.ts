// EventBridge rules that notify people: events AWS services publish (GuardDuty and Access
// Analyzer findings, ...) routed by severity to the alarm topic, like the CloudWatch alarms.
import { Severity } from "./alert-catalog";
import { AlarmSpec } from "./cloudwatch-alarms";

export interface EventRoute {
    /** Unique within the stack; the rule's name is `<app>-<env>-<key>`. */
    key: string;
    severity: Severity;
    description: string;
    /** An EventBridge event pattern (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html). */
    pattern: Record<string, unknown>;
}

/** A rule on the account's default event bus, by name. */
export function eventRuleArn(partition: string, region: string, accountId: string, ruleName: string): string {
    return `arn:${partition}:events:${region}:${accountId}:rule/${ruleName}`;
}

/** Alarms and EventBridge routes another area defines; they notify like every other alarm of their severity. */
export interface SecurityAlerts {
    alarms: AlarmSpec[];
    events: EventRoute[];
}
