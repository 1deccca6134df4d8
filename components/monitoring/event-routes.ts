// EventBridge rules that notify people: events AWS services publish (GuardDuty and Access
// Analyzer findings, ...) routed by team and severity to the alarm route topics, like the CloudWatch alarms.
import { Severity, Team } from "./alert-catalog";
import { AlarmSpec } from "./cloudwatch-alarms";

export interface EventRoute {
    /**
     * Unique within the stack, and starting with the team's name (`security-guardduty-findings`): the rule's name
     * is `<app>-<env>-<key>`, and a team's topics admit the rules named after that team alone.
     */
    key: `${Team}-${string}`;
    severity: Severity;
    team: Team;
    description: string;
    /** An EventBridge event pattern (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html). */
    pattern: Record<string, unknown>;
}

/** A rule on the account's default event bus, by name (or name pattern). */
export function eventRuleArn(partition: string, region: string, accountId: string, ruleName: string): string {
    return `arn:${partition}:events:${region}:${accountId}:rule/${ruleName}`;
}

/** Alarms and EventBridge routes another area defines; they notify like every other alarm of their severity. */
export interface SecurityAlerts {
    alarms: AlarmSpec[];
    events: EventRoute[];
}
