import { aws, Fixture, patch, res, specControl, without } from "../../support/controls";
import { BUCKET, LOG_GROUP, pgLog, TRAIL } from "../baselines/detection";

// ---- audit archive ------------------------------------------------------------------------------
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const SUBSCRIPTION = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
/** A bucket with its Object Lock and lifecycle configurations (seven years, COMPLIANCE). */
const lockedBucket = (name: string): Fixture[] => {
    const bucket = aws(BUCKET, name, { bucket: name, objectLockEnabled: true }, {}, "prod", "confidential");
    return [
        bucket,
        res(
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            `${name}-lock`,
            { bucket: name, rule: { defaultRetention: { mode: "COMPLIANCE", days: 2557 } } },
            { bucket },
        ),
        res(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            `${name}-lifecycle`,
            {
                bucket: name,
                rules: [
                    { id: "expire", status: "Enabled", expiration: { days: 2557 }, noncurrentVersionExpiration: { noncurrentDays: 2557 } },
                ],
            },
            { bucket },
        ),
    ];
};
const [trailBucket, ...trailBucketConfig] = lockedBucket("trail-files");
const [logBucket, ...logBucketConfig] = lockedBucket("log-archive");
const plainBucket = aws(BUCKET, "plain", { bucket: "plain" }, {}, "prod", "confidential");
const archivedTrail = aws(TRAIL, "trail", { s3BucketName: "trail-files" }, { s3BucketName: trailBucket }, "prod", "confidential");
const eksLog = aws(
    LOG_GROUP,
    "eks-log",
    { name: "/aws/eks/caresync-prod-eks/cluster", kmsKeyId: "k", retentionInDays: 365 },
    {},
    "prod",
    "confidential",
);
const streamTo = (name: string, bucket: Fixture) =>
    aws(
        STREAM,
        name,
        { destination: "extended_s3", extendedS3Configuration: { bucketArn: `arn:aws:s3:::${bucket.inputs.bucket}` } },
        { extendedS3Configuration: bucket },
    );
const stream = streamTo("stream", logBucket);
const subscription = (of: Fixture, to: Fixture) =>
    res(SUBSCRIPTION, `${of.name}-archive`, { logGroup: of.inputs.name, filterPattern: "" }, { logGroup: of, destinationArn: to });
const archived = [
    trailBucket,
    ...trailBucketConfig,
    logBucket,
    ...logBucketConfig,
    archivedTrail,
    pgLog,
    eksLog,
    stream,
    subscription(pgLog, stream),
    subscription(eksLog, stream),
];
specControl("careplane-audit-log-archive", {
    passes: [
        { it: "the trail's files and the archived pgaudit and EKS logs under a 7-year COMPLIANCE lock", fixtures: archived },
        {
            it: "a dev stack that keeps its audit logs in CloudWatch only",
            fixtures: [aws(LOG_GROUP, "pg-log", { name: "/aws/rds/instance/x/postgresql" }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "the postgresql log with no subscription",
            fixtures: without(archived, "pg-log-archive"),
            message: "pg-log (aws:cloudwatch/logGroup:LogGroup): the database's pgaudit records is kept in CloudWatch only",
        },
        {
            it: "the EKS log streamed to a bucket without a lock",
            fixtures: [
                ...without(archived, "eks-log-archive"),
                plainBucket,
                streamTo("plain-stream", plainBucket),
                subscription(eksLog, streamTo("plain-stream", plainBucket)),
            ],
            message:
                "eks-log (aws:cloudwatch/logGroup:LogGroup): the EKS API server's audit log is archived, but bucket plain has no default Object Lock retention",
        },
        {
            it: "a GOVERNANCE lock on the trail's files",
            fixtures: patch(archived, "trail-files-lock", { rule: { defaultRetention: { mode: "GOVERNANCE", days: 2557 } } }),
            message:
                'trail (aws:cloudtrail/trail:Trail): the trail\'s files are not kept six years: bucket trail-files locks in "GOVERNANCE" mode',
        },
        {
            it: "a five-year lock",
            fixtures: patch(archived, "trail-files-lock", { rule: { defaultRetention: { mode: "COMPLIANCE", years: 5 } } }),
            message: "the trail's files are not kept six years: bucket trail-files locks its objects 1826 days",
        },
        {
            it: "a lifecycle rule expiring the trail's files after a year",
            fixtures: patch(archived, "trail-files-lifecycle", { rules: [{ id: "expire", status: "Enabled", expiration: { days: 365 } }] }),
            message: "bucket trail-files's lifecycle expires objects after 365 days",
        },
    ],
});
