// Audit records outlive CloudWatch: the logs that record who read and changed PHI (pgaudit in the
// database's postgresql log, the EKS API server's audit log, Session Manager transcripts) stream
// through a CloudWatch Logs subscription filter and Amazon Data Firehose into the trail's bucket,
// whose Object Lock keeps them (COMPLIANCE mode in prod) for at least six years [164.316(b)(2)(i)],
// out of reach of any administrator. CloudWatch keeps them for searching meanwhile.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { AlarmSpec } from "../monitoring/cloudwatch-alarms";
import { attachPolicy } from "../security/iam";
import { policyDocument } from "../storage/bucket-policies";
import { logGroup } from "./log-groups";

/** Where exported log records land in the archive bucket (Firehose adds `YYYY/MM/DD/HH/`). */
export const ARCHIVE_PREFIX = "cloudwatch-logs/";
/** Where Firehose puts records it could not deliver, by error type. */
export const ARCHIVE_ERROR_PREFIX = "cloudwatch-logs-errors/";
const DELIVERY_ERRORS_STREAM = "S3Delivery";

/** Firehose assumes the delivery role for this account only (the external ID Firehose sends is the account). */
export function firehoseTrustPolicy(accountId: string) {
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Service: "firehose.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": accountId } },
        },
    ]);
}

export interface FirehoseDeliveryInput {
    bucketArn: string;
    logsKeyArn: string;
    region: string;
    /** Where Firehose reports delivery errors. */
    errorLogGroupArn: string;
}

/**
 * Firehose writes objects under the archive prefixes and reports its errors, and nothing else: it
 * reads no object (the archive's readers are fenced). As "Grant Firehose access to an Amazon S3
 * destination" lists it (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3),
 * without the object reads.
 */
export function firehoseDeliveryPolicy(p: FirehoseDeliveryInput) {
    const prefixes = [ARCHIVE_PREFIX, ARCHIVE_ERROR_PREFIX];
    return policyDocument([
        {
            Sid: "LocateTheBucket",
            Effect: "Allow",
            Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
            Resource: p.bucketArn,
        },
        {
            Sid: "WriteArchiveObjects",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
            Resource: prefixes.map((prefix) => `${p.bucketArn}/${prefix}*`),
        },
        {
            Sid: "EncryptArchiveObjects",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: p.logsKeyArn,
            // The bucket uses S3 Bucket Keys, so the encryption context is the bucket's ARN, not the object's.
            Condition: { StringEquals: { "kms:ViaService": `s3.${p.region}.amazonaws.com` } },
        },
        {
            Sid: "ReportDeliveryErrors",
            Effect: "Allow",
            Action: "logs:PutLogEvents",
            Resource: `${p.errorLogGroupArn}:log-stream:${DELIVERY_ERRORS_STREAM}`,
        },
    ]);
}

/**
 * CloudWatch Logs assumes the subscription role for this account's log groups only
 * ("Subscription filters with Amazon Data Firehose",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample).
 */
export function subscriptionTrustPolicy(partition: string, region: string, accountId: string) {
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Service: "logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringLike: { "aws:SourceArn": `arn:${partition}:logs:${region}:${accountId}:*` } },
        },
    ]);
}

/** The subscription role puts records into the archive stream, and nothing else. */
export function subscriptionPolicy(streamArn: string) {
    return policyDocument([
        { Sid: "PutIntoTheArchiveStream", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: streamArn },
    ]);
}

export interface ArchiveArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** Encrypts the stream's buffer, the archived objects and the delivery-error log. */
    logsKeyArn: pulumi.Input<string>;
    /** The Object Lock bucket (the trail's). */
    bucket: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
    /** The log groups to archive, by key (names each subscription filter). */
    groups: Record<string, aws.cloudwatch.LogGroup>;
}

/**
 * The archive stream and a subscription filter on each group. CloudWatch Logs sends the records
 * gzip-compressed with their log group and stream, so Firehose stores them as they come
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html).
 * Each service gets its role only once the role holds its permissions.
 */
export function archiveLogGroups(name: string, args: ArchiveArgs, opts: { parent: pulumi.Resource }): aws.kinesis.FirehoseDeliveryStream {
    const ctx = args.context;
    const region = ctx.region;
    const streamName = ctx.name("audit-archive");
    const errors = logGroup(
        `${name}-archive-errors`,
        { context: ctx, name: `/careplane/${streamName}/delivery-errors`, logClass: "application", logsKeyArn: args.logsKeyArn },
        opts,
    );
    new aws.cloudwatch.LogStream(`${name}-archive-errors`, { name: DELIVERY_ERRORS_STREAM, logGroupName: errors.name }, opts);

    const deliveryRole = new aws.iam.Role(
        `${name}-archive-delivery`,
        {
            description: "Firehose writes exported audit logs into the Object Lock archive bucket",
            assumeRolePolicy: pulumi.output(args.accountId).apply((accountId) => JSON.stringify(firehoseTrustPolicy(accountId))),
            tags: ctx.tags("internal"),
        },
        opts,
    );
    const deliveryPermissions = attachPolicy(
        `${name}-archive-delivery`,
        ctx,
        deliveryRole,
        "Firehose: write the audit archive's objects and report delivery errors",
        pulumi
            .all([args.bucket.arn, args.logsKeyArn, errors.arn])
            .apply(([bucketArn, logsKeyArn, errorLogGroupArn]) =>
                JSON.stringify(firehoseDeliveryPolicy({ bucketArn, logsKeyArn, region, errorLogGroupArn })),
            ),
        opts,
    );
    const stream = new aws.kinesis.FirehoseDeliveryStream(
        `${name}-archive`,
        {
            name: streamName,
            destination: "extended_s3",
            serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: args.logsKeyArn },
            extendedS3Configuration: {
                roleArn: deliveryRole.arn,
                bucketArn: args.bucket.arn,
                prefix: ARCHIVE_PREFIX,
                errorOutputPrefix: ARCHIVE_ERROR_PREFIX,
                // Already gzip-compressed by CloudWatch Logs.
                compressionFormat: "UNCOMPRESSED",
                kmsKeyArn: args.logsKeyArn,
                bufferingInterval: 300,
                bufferingSize: 5,
                cloudwatchLoggingOptions: { enabled: true, logGroupName: errors.name, logStreamName: DELIVERY_ERRORS_STREAM },
            },
            tags: ctx.tags("phi"),
        },
        { ...opts, dependsOn: [deliveryPermissions] },
    );

    const subscriptionRole = new aws.iam.Role(
        `${name}-archive-subscription`,
        {
            description: "CloudWatch Logs sends the audit log groups' records to the archive stream",
            assumeRolePolicy: pulumi
                .all([args.partition, args.accountId])
                .apply(([partition, accountId]) => JSON.stringify(subscriptionTrustPolicy(partition, region, accountId))),
            tags: ctx.tags("internal"),
        },
        opts,
    );
    const subscriptionPermissions = attachPolicy(
        `${name}-archive-subscription`,
        ctx,
        subscriptionRole,
        "CloudWatch Logs: put the audit log groups' records into the archive stream",
        stream.arn.apply((arn) => JSON.stringify(subscriptionPolicy(arn))),
        opts,
    );
    for (const [key, group] of Object.entries(args.groups)) {
        new aws.cloudwatch.LogSubscriptionFilter(
            `${name}-archive-${key}`,
            { name: streamName, logGroup: group.name, filterPattern: "", destinationArn: stream.arn, roleArn: subscriptionRole.arn },
            // CloudWatch Logs tries the role and the stream when the filter is created.
            { ...opts, dependsOn: [subscriptionPermissions] },
        );
    }
    return stream;
}

/** Archived records older than this in the stream mean delivery is failing (Firehose retries for a day, then drops). */
const FRESHNESS_LIMIT_SECONDS = 900;

/**
 * The audit archive stopped receiving [002: an audit-log gap is high]: the oldest record in the
 * stream is more than 15 minutes old (DeliveryToS3.DataFreshness,
 * https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html).
 */
export function archiveFreshnessAlarm(streamName: pulumi.Input<string>): AlarmSpec {
    return {
        key: "audit-archive-freshness",
        severity: "high",
        // Like AuditLogGap [002]: audit records not kept are the security team's.
        team: "security",
        description: `audit records wait more than ${FRESHNESS_LIMIT_SECONDS / 60} minutes for the Object Lock archive`,
        sources: ["002"],
        metric: {
            namespace: "AWS/Firehose",
            metricName: "DeliveryToS3.DataFreshness",
            dimensions: { DeliveryStreamName: streamName },
            stat: "Maximum",
        },
        comparisonOperator: "GreaterThanThreshold",
        threshold: FRESHNESS_LIMIT_SECONDS,
        period: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
    };
}
