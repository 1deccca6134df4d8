// Reading the detection wiring of a stack: which metric filters a log group has, what an
// EventBridge rule matches, and whether its target topic (and the topic's key) let EventBridge in.
import { readJson } from "./json";
import { ofType, referencedBy, referencing, StackResource, Typed } from "./stack";
import { list, Statement, statementsOf } from "./policy-document";

export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
export const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
export const TOPIC = "aws:sns/topic:Topic";
export const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
export const KMS_KEY = "aws:kms/key:Key";
export const TRAIL = "aws:cloudtrail/trail:Trail";

/** `*` and `?` as IAM and filter patterns read them. */
export function globMatches(pattern: string, value: string): boolean {
    const re = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${re}$`).test(value);
}

/** Whether an IAM action list (with wildcards) names the action. */
export function coversAction(actions: unknown, action: string): boolean {
    return list(actions as string | string[] | undefined).some((a) => globMatches(a.toLowerCase(), action.toLowerCase()));
}

/** The alarms on a metric (by namespace and name). */
export function alarmsOn(resources: StackResource[], namespace: unknown, metricName: unknown): Typed<typeof METRIC_ALARM>[] {
    return ofType(resources, METRIC_ALARM).filter((a) => a.props.namespace === namespace && a.props.metricName === metricName);
}

/** Whether an alarm notifies an SNS topic (one of the plan's, or a topic ARN). */
export function notifiesTopic(alarm: Typed<typeof METRIC_ALARM>): boolean {
    if (alarm.props.actionsEnabled === false) return false;
    return (
        referencedBy(alarm, "alarmActions").some((d) => d.type === TOPIC) ||
        list(alarm.props.alarmActions as string[] | undefined).some((a) => /^arn:[^:]+:sns:/.test(String(a)))
    );
}

/** An EventBridge rule's pattern, or undefined when it has none or it is unreadable. */
export function eventPatternOf(rule: Typed<typeof EVENT_RULE>): Record<string, any> | undefined {
    return readJson<Record<string, any>>(rule.props.eventPattern, "eventPattern").value;
}

/** Whether a pattern field admits a value: absent admits everything, otherwise the value is listed. */
export function admits(field: unknown, value: string): boolean {
    return field === undefined || list(field as unknown[]).includes(value);
}

const allowsEventBridge = (s: Statement, action: string) =>
    s.Effect === "Allow" && JSON.stringify(s.Principal ?? "").includes("events.amazonaws.com") && coversAction(s.Action, action);

/** Where a rule's events go: why they reach no one, or undefined when an SNS topic EventBridge may use receives them. */
export function whyRuleReachesNoOne(resources: StackResource[], rule: Typed<typeof EVENT_RULE>): string | undefined {
    if (rule.props.state === "DISABLED" || rule.props.isEnabled === false) return "the rule is disabled";
    const targets = referencing(resources, rule, "rule", EVENT_TARGET);
    const topics = targets.flatMap((t) => referencedBy(t, "arn")).filter((d) => d.type === TOPIC);
    if (topics.length === 0) return "no target of the rule is an SNS topic";
    const reasons = topics.map((topic) => {
        const policies = referencing(resources, topic, "arn", TOPIC_POLICY);
        const ruleName = String(rule.props.name ?? rule.name);
        const publishes = policies
            .flatMap((p) => statementsOf(p.props.policy))
            .filter((s) => allowsEventBridge(s, "sns:Publish"))
            .some((s) => {
                const arns = list(s.Condition?.ArnEquals?.["aws:SourceArn"] ?? s.Condition?.ArnLike?.["aws:SourceArn"]) as string[];
                // Without a source condition any rule may publish; with one, it must name this rule.
                return arns.length === 0 || arns.some((a) => /:events:/.test(a) && globMatches(a.replace(/^.*:rule\//, ""), ruleName));
            });
        if (!publishes) return `the policy of topic ${topic.name} does not let EventBridge publish for this rule`;
        const keys = ofType(referencedBy(topic, "kmsMasterKeyId"), KMS_KEY);
        const keyDenies = keys.find((k) => {
            const statements = statementsOf(k.props.policy);
            return !["kms:GenerateDataKey", "kms:Decrypt"].every((action) => statements.some((s) => allowsEventBridge(s, action)));
        });
        if (keyDenies) return `the key of topic ${topic.name} (${keyDenies.name}) does not let EventBridge encrypt notifications`;
        return undefined;
    });
    return reasons.includes(undefined) ? undefined : reasons[0];
}
