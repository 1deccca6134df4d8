import { aws, res } from "../../support/controls";

export const TRAIL = "aws:cloudtrail/trail:Trail";
export const trail = aws(
    TRAIL,
    "trail",
    {
        s3BucketName: "caresync-prod-audit",
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/logs",
        cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/careplane/trail:*",
        cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail",
    },
    {},
    "prod",
    "confidential",
);
export const detector = aws("aws:guardduty/detector:Detector", "detector", { enable: true }, {}, "prod", "confidential");
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const appLogs = aws(
    LOG_GROUP,
    "api-logs",
    { retentionInDays: 30, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/logs" },
    {},
    "prod",
    "confidential",
);
export const auditLogs = aws(LOG_GROUP, "flow-logs", {
    retentionInDays: 365,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/logs",
    tags: { Environment: "prod", DataClassification: "confidential", Owner: "platform-team", LogClass: "audit" },
});
// Secrets Manager.
export const SECRET = "aws:secretsmanager/secret:Secret";
export const secret = aws(SECRET, "jwt", {
    name: "caresync/prod/jwt",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/secrets",
    recoveryWindowInDays: 30,
});
export const rotateFunction = aws("aws:lambda/function:Function", "rotate", { name: "rotate" });
export const rotation = res(
    "aws:secretsmanager/secretRotation:SecretRotation",
    "jwt-rotation",
    {
        secretId: "jwt-id",
        rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate",
        rotationRules: { automaticallyAfterDays: 90 },
    },
    { secretId: secret, rotationLambdaArn: rotateFunction },
);
// IAM.
export const ROLE = "aws:iam/role:Role";
export const scoped = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "ReadOwnSecret",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:caresync/prod/jwt-*",
        },
    ],
});
export const policy = aws("aws:iam/policy:Policy", "api-secrets", { policy: scoped });
export const role = aws(ROLE, "api", { assumeRolePolicy: "{}" });
