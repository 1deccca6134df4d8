// Policies of the alarm route topics and their key, as plain JSON documents (evaluated elsewhere with
// iam-simulate): this account's CloudWatch alarms and the stack's own EventBridge rules alone may
// publish, only over TLS.
import { KeyAccount, KeyDeleters, keyAdministration, useThroughServices } from "../security/keys";

export interface AlarmPolicyInput {
    accountId: string;
    partition: string;
    region: string;
    /** The EventBridge rules that may publish to the topic (ARNs, `*` allowed); none, and EventBridge may not. */
    eventRuleArns: string[];
}

/**
 * The alarm topics' KMS key: administered like every key, SNS uses it, CloudWatch and (when rules
 * publish) EventBridge encrypt with it. A service publishing to an encrypted topic needs the data
 * key itself ("Enable compatibility between event sources from AWS services and encrypted topics",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
 */
export function alarmKeyPolicyDocument(p: AlarmPolicyInput & KeyAccount & { deleters: KeyDeleters }) {
    return {
        Version: "2012-10-17",
        Statement: [
            ...keyAdministration(p),
            ...useThroughServices({ ...p, services: ["sns"] }),
            {
                // An alarm publishing to an encrypted topic needs the data key itself.
                Sid: "CloudWatchAlarmsEncryptNotifications",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": p.accountId } },
            },
            ...(p.eventRuleArns.length
                ? [
                      {
                          Sid: "EventBridgeEncryptsNotifications",
                          Effect: "Allow",
                          Principal: { Service: "events.amazonaws.com" },
                          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                          Resource: "*",
                          Condition: { StringEquals: { "aws:SourceAccount": p.accountId } },
                      },
                  ]
                : []),
        ],
    };
}

/**
 * An alarm topic's policy: the account manages it, this account's CloudWatch alarms and the
 * stack's EventBridge rules (by ARN, or an ARN pattern) publish, TLS only.
 */
export function alarmTopicPolicyDocument(
    topicArn: string,
    p: Pick<AlarmPolicyInput, "accountId" | "partition" | "region" | "eventRuleArns">,
) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountManagesTopic",
                Effect: "Allow",
                Principal: { AWS: `arn:${p.partition}:iam::${p.accountId}:root` },
                Action: [
                    "sns:GetTopicAttributes",
                    "sns:SetTopicAttributes",
                    "sns:AddPermission",
                    "sns:RemovePermission",
                    "sns:DeleteTopic",
                    "sns:Subscribe",
                    "sns:ListSubscriptionsByTopic",
                ],
                Resource: topicArn,
            },
            {
                Sid: "CloudWatchAlarmsPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": p.accountId },
                    ArnLike: { "aws:SourceArn": `arn:${p.partition}:cloudwatch:${p.region}:${p.accountId}:alarm:*` },
                },
            },
            ...(p.eventRuleArns.length
                ? [
                      {
                          Sid: "EventBridgeRulesPublish",
                          Effect: "Allow",
                          Principal: { Service: "events.amazonaws.com" },
                          Action: "sns:Publish",
                          Resource: topicArn,
                          Condition: {
                              StringEquals: { "aws:SourceAccount": p.accountId },
                              ArnLike: { "aws:SourceArn": p.eventRuleArns },
                          },
                      },
                  ]
                : []),
            {
                Sid: "DenyPlaintextTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
