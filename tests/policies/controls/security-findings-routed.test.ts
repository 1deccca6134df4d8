import { aws, Fixture, patch, res, specControl, without } from "../../support/controls";
import { alarmKey, analyzer, detector, topic } from "../baselines/detection";

// ---- findings routed ----------------------------------------------------------------------------
const RULE = "aws:cloudwatch/eventRule:EventRule";
const rule = (name: string, pattern: object) =>
    aws(RULE, name, { name, eventPattern: JSON.stringify(pattern), state: "ENABLED" }, {}, "prod", "internal");
const findingsRule = rule("gd-findings", {
    source: ["aws.guardduty"],
    "detail-type": ["GuardDuty Finding"],
    detail: { severity: [{ numeric: [">=", 7] }] },
});
const analyzerRule = rule("aa-findings", {
    source: ["aws.access-analyzer"],
    "detail-type": ["Access Analyzer Finding"],
    detail: { status: ["ACTIVE"] },
});
const target = (name: string, of: Fixture) =>
    res(
        "aws:cloudwatch/eventTarget:EventTarget",
        `${name}-target`,
        { rule: of.inputs.name, arn: "arn:aws:sns:us-east-1:123456789012:alarms" },
        { rule: of, arn: topic },
    );
const keyPolicy = (actions: string[]) =>
    JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: actions, Resource: "*" }] });
const topicPolicy = (rules: string[]) =>
    res(
        "aws:sns/topicPolicy:TopicPolicy",
        "topic-policy",
        {
            arn: "arn:aws:sns:us-east-1:123456789012:alarms",
            policy: JSON.stringify({
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "events.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: "arn:aws:sns:us-east-1:123456789012:alarms",
                        Condition: { ArnEquals: { "aws:SourceArn": rules.map((r) => `arn:aws:events:us-east-1:123456789012:rule/${r}`) } },
                    },
                ],
            }),
        },
        { arn: topic },
    );
const routed = [
    detector,
    analyzer,
    patch([alarmKey], "alarm-key", { policy: keyPolicy(["kms:Decrypt", "kms:GenerateDataKey*"]) })[0],
    topic,
    topicPolicy(["gd-findings", "aa-findings"]),
    findingsRule,
    target("gd", findingsRule),
    analyzerRule,
    target("aa", analyzerRule),
];
specControl("careplane-security-findings-routed", {
    passes: [
        { it: "GuardDuty and Access Analyzer findings routed to a topic EventBridge may publish to and encrypt for", fixtures: routed },
        {
            it: "a rule on every GuardDuty finding (no severity filter)",
            fixtures: patch(without(routed, "analyzer"), "gd-findings", { eventPattern: JSON.stringify({ source: ["aws.guardduty"] }) }),
        },
        { it: "a stack with neither a detector nor an analyzer", fixtures: [topic] },
    ],
    fails: [
        {
            it: "no rule for GuardDuty findings",
            fixtures: without(without(routed, "gd-findings"), "gd-target"),
            message: "detector (aws:guardduty/detector:Detector): no EventBridge rule matches GuardDuty findings of severity 7 and above",
        },
        {
            it: "a rule on critical findings only (9 and above)",
            fixtures: patch(routed, "gd-findings", {
                eventPattern: JSON.stringify({ source: ["aws.guardduty"], detail: { severity: [{ numeric: [">=", 9] }] } }),
            }),
            message: "no EventBridge rule matches GuardDuty findings of severity 7 and above",
        },
        {
            it: "a disabled rule",
            fixtures: patch(routed, "gd-findings", { state: "DISABLED" }),
            message: "GuardDuty findings of severity 7 and above reach no one: the rule is disabled",
        },
        {
            it: "a rule without a target",
            fixtures: without(routed, "gd-target"),
            message: "reach no one: no target of the rule is an SNS topic",
        },
        {
            it: "a topic policy that does not name the rule",
            fixtures: routed.map((f) => (f.name === "topic-policy" ? topicPolicy(["aa-findings"]) : f)),
            message: "the policy of topic topic does not let EventBridge publish for this rule",
        },
        {
            it: "a topic key EventBridge cannot use",
            fixtures: patch(without(routed, "analyzer"), "alarm-key", { policy: keyPolicy(["kms:Decrypt"]) }),
            message: "does not let EventBridge encrypt notifications",
        },
        {
            it: "an analyzer whose findings go nowhere",
            fixtures: without(without(routed, "aa-findings"), "aa-target"),
            message: "analyzer (aws:accessanalyzer/analyzer:Analyzer): no EventBridge rule matches IAM Access Analyzer's active findings",
        },
    ],
});
