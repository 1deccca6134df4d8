import { aws } from "../../support/controls";

// Pass/fail fixtures for the audit and detection controls: each rule a control checks has a case
// that breaks it alone.

export const ARN = "arn:aws:iam::123456789012";
export const TRAIL = "aws:cloudtrail/trail:Trail";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const TOPIC = "aws:sns/topic:Topic";
export const alarmKey = aws("aws:kms/key:Key", "alarm-key", { policy: "{}" }, {}, "prod", "confidential");
export const topic = aws(
    TOPIC,
    "topic",
    { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/alarms" },
    { kmsMasterKeyId: alarmKey },
    "prod",
    "internal",
);
export const detector = aws("aws:guardduty/detector:Detector", "detector", { enable: true }, {}, "prod", "confidential");
export const analyzer = aws(
    "aws:accessanalyzer/analyzer:Analyzer",
    "analyzer",
    { analyzerName: "a", type: "ACCOUNT" },
    {},
    "prod",
    "internal",
);
// ---- malware protection -------------------------------------------------------------------------
export const BUCKET = "aws:s3/bucket:Bucket";
export const pgLog = aws(LOG_GROUP, "pg-log", {
    name: "/aws/rds/instance/caresync-prod-db/postgresql",
    kmsKeyId: "k",
    retentionInDays: 365,
});
