// Keys that audit and alarm delivery use: CloudTrail, CloudWatch Logs, SNS topics CloudWatch alarms publish to.
import { list, str } from "../../context";
import { bucketEncryption } from "../aws";
import { KmsCall, nameOf, ServiceCase, T, viaService } from "./simulate-use";

export const cloudtrail: ServiceCase = {
    id: "key-policies/cloudtrail",
    family: "key-policies",
    description:
        "CloudTrail may GenerateDataKey with its trail's encryption context, DescribeKey with none, and Decrypt when the trail's bucket uses an S3 Bucket Key",
    source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
    awsError: "InsufficientEncryptionPolicyException",
    consequence: "CloudTrail checks the key when the trail is created and refuses it",
    uses: (ctx) =>
        ctx.ofType(T.trail).flatMap((trail) => {
            if (trail.inputs.kmsKeyId === undefined) return [];
            const trailArn = ctx.arn("cloudtrail", `trail/${nameOf(trail)}`, ctx.regionOf(trail));
            const source = { "aws:SourceArn": trailArn, "aws:SourceAccount": ctx.account };
            const context = { ...source, "kms:EncryptionContext:aws:cloudtrail:arn": trailArn };
            const bucket = ctx.referenced(trail, "s3BucketName", T.bucket);
            const calls: KmsCall[] = [
                { principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context, when: "to encrypt each log file" },
                {
                    principal: "cloudtrail.amazonaws.com",
                    action: "kms:DescribeKey",
                    context: source,
                    when: "when the trail is created or updated",
                },
            ];
            if (bucket && bucketEncryption(ctx, bucket)?.bucketKey)
                calls.push({
                    principal: "cloudtrail.amazonaws.com",
                    action: "kms:Decrypt",
                    context,
                    when: "because the trail's bucket uses an S3 Bucket Key",
                });
            return [{ holder: trail, key: trail.inputs.kmsKeyId, calls }];
        }),
};

export const cloudwatchLogs: ServiceCase = {
    id: "key-policies/cloudwatch-logs",
    family: "key-policies",
    description: "CloudWatch Logs (its regional principal) may encrypt and decrypt with the log group's ARN as encryption context",
    source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    awsError: "AccessDeniedException",
    consequence: "CloudWatch Logs checks the key when the log group is created and refuses it",
    uses: (ctx) =>
        ctx.ofType(T.logGroup).flatMap((group) => {
            if (group.inputs.kmsKeyId === undefined) return [];
            const region = str(group.inputs.region) ?? ctx.regionOf(group);
            const principal = `logs.${region}.amazonaws.com`;
            const context = {
                "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${ctx.account}:log-group:${nameOf(group)}`,
                "aws:SourceAccount": ctx.account,
            };
            const when = "for every batch of log events";
            return [
                {
                    holder: group,
                    key: group.inputs.kmsKeyId,
                    calls: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"].map((action) => ({ principal, action, context, when })),
                },
            ];
        }),
};

export const snsForAlarms: ServiceCase = {
    id: "key-policies/sns-cloudwatch-alarms",
    family: "key-policies",
    description:
        "An encrypted topic that CloudWatch alarms publish to lets cloudwatch.amazonaws.com GenerateDataKey and Decrypt; publishers through SNS may too",
    source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
    awsError: "KMS.AccessDeniedException",
    consequence: "every alarm notification fails to publish: nobody is paged",
    uses: (ctx) =>
        ctx.ofType(T.topic).flatMap((topic) => {
            if (topic.inputs.kmsMasterKeyId === undefined) return [];
            const region = ctx.regionOf(topic);
            const topicArn = `arn:aws:sns:${region}:${ctx.account}:${nameOf(topic)}`;
            const alarms = ctx
                .ofType(T.alarm)
                .filter((a) =>
                    [...list<string>(a.inputs.alarmActions), ...list<string>(a.inputs.okActions)].some(
                        (arn) => ctx.resolve(a, arn, T.topic) === topic,
                    ),
                );
            const calls: KmsCall[] = [
                viaService(ctx, "sns", region, "kms:GenerateDataKey", "when an application publishes", {
                    "kms:EncryptionContext:aws:sns:topicArn": topicArn,
                }),
            ];
            for (const alarm of alarms.slice(0, 1)) {
                const context = {
                    "aws:SourceAccount": ctx.account,
                    "aws:SourceArn": ctx.arn("cloudwatch", `alarm:${nameOf(alarm)}`, region),
                };
                calls.push(
                    {
                        principal: "cloudwatch.amazonaws.com",
                        action: "kms:GenerateDataKey",
                        context,
                        when: `when alarm ${nameOf(alarm)} (and the others) publish`,
                    },
                    {
                        principal: "cloudwatch.amazonaws.com",
                        action: "kms:Decrypt",
                        context,
                        when: `when alarm ${nameOf(alarm)} (and the others) publish`,
                    },
                );
            }
            return [{ holder: topic, key: topic.inputs.kmsMasterKeyId, calls }];
        }),
};
