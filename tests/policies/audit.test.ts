import { aws, patch, res, specControl, without } from "../support/controls";

const TRAIL = "aws:cloudtrail/trail:Trail";
const trail = aws(
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
const detector = aws("aws:guardduty/detector:Detector", "detector", { enable: true }, {}, "prod", "confidential");
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const feature = (name: string, extra: Record<string, unknown> = {}) =>
    res(FEATURE, name.toLowerCase(), { detectorId: "detector-id", name, status: "ENABLED", ...extra }, { detectorId: detector });
const runtime = (eks: boolean) =>
    feature("RUNTIME_MONITORING", {
        additionalConfigurations: [
            { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
            { name: "EKS_ADDON_MANAGEMENT", status: eks ? "ENABLED" : "DISABLED" },
        ],
    });
const bucket = aws("aws:s3/bucket:Bucket", "documents", {});
const database = aws("aws:rds/instance:Instance", "database", {});
const ecsCluster = aws("aws:ecs/cluster:Cluster", "ecs", {}, {}, "prod", "confidential");
const eksCluster = aws("aws:eks/cluster:Cluster", "eks", {}, {}, "prod", "confidential");
/** A prod ECS stack's stores and compute, with the detector and the features they need. */
const ecsStack = [trail, detector, bucket, database, ecsCluster, feature("S3_DATA_EVENTS"), feature("RDS_LOGIN_EVENTS"), runtime(false)];
const eksStack = [
    ...ecsStack.filter((f) => f.type !== FEATURE && f !== ecsCluster),
    eksCluster,
    feature("S3_DATA_EVENTS"),
    feature("RDS_LOGIN_EVENTS"),
    feature("EKS_AUDIT_LOGS"),
    runtime(true),
];

specControl("careplane-cloudtrail-trail-configured", {
    passes: [{ it: "a multi-region, validated, encrypted trail delivering to CloudWatch", fixtures: [trail] }],
    fails: [
        {
            it: "a single-region trail",
            fixtures: patch([trail], "trail", { isMultiRegionTrail: false }),
            message: "trail (aws:cloudtrail/trail:Trail): it records one region only",
        },
        {
            it: "no log file validation",
            fixtures: patch([trail], "trail", { enableLogFileValidation: undefined }),
            message: "log file validation is off",
        },
        {
            it: "no KMS key",
            fixtures: patch([trail], "trail", { kmsKeyId: undefined }),
            message: "its log files are not encrypted with a customer-managed key",
        },
        {
            it: "no CloudWatch delivery",
            fixtures: patch([trail], "trail", { cloudWatchLogsGroupArn: undefined }),
            message: "it does not deliver to CloudWatch Logs",
        },
        { it: "logging switched off", fixtures: patch([trail], "trail", { enableLogging: false }), message: "logging is switched off" },
    ],
});

specControl("careplane-cloudtrail-enabled", {
    passes: [
        { it: "a prod stack with a multi-region trail", fixtures: [trail, detector] },
        { it: "a dev stack without a trail", fixtures: [aws("aws:ec2/vpc:Vpc", "vpc", {}, {}, "dev")], environment: "dev" },
    ],
    fails: [
        {
            it: "a prod stack without a trail",
            fixtures: [detector],
            message: "stack (pulumi:pulumi:Stack): the prod stack has no logging multi-region CloudTrail trail",
        },
        {
            it: "a prod stack whose only trail is single-region",
            fixtures: patch([trail, detector], "trail", { isMultiRegionTrail: false }),
            message: "the prod stack has no logging multi-region CloudTrail trail",
        },
        {
            it: "a stack whose resources name no environment (held to prod's floor)",
            fixtures: [res("aws:ec2/vpc:Vpc", "vpc", {})],
            message: "the prod stack has no logging multi-region CloudTrail trail",
        },
    ],
});

specControl("careplane-guardduty-enabled", {
    passes: [
        { it: "a prod stack with an enabled detector and nothing to watch but the account", fixtures: [trail, detector, runtime(false)] },
        { it: "a prod ECS stack: runtime monitoring managing the Fargate agent, S3 and RDS protections", fixtures: ecsStack },
        { it: "a prod EKS stack: the EKS add-on managed, and the cluster's audit logs", fixtures: eksStack },
        { it: "a test stack without one", fixtures: [aws("aws:ec2/vpc:Vpc", "vpc", {}, {}, "test")], environment: "test" },
    ],
    fails: [
        {
            it: "a prod stack without a detector",
            fixtures: [trail],
            message: "stack (pulumi:pulumi:Stack): the prod stack has no GuardDuty detector",
        },
        {
            it: "a disabled detector",
            fixtures: patch([trail, detector, runtime(false)], "detector", { enable: false }),
            message: "detector (aws:guardduty/detector:Detector): the detector is not enabled",
        },
        {
            it: "no runtime monitoring",
            fixtures: without(ecsStack, "runtime_monitoring"),
            message: "detector (aws:guardduty/detector:Detector): runtime monitoring is off",
        },
        {
            it: "runtime monitoring disabled",
            fixtures: patch(ecsStack, "runtime_monitoring", { status: "DISABLED" }),
            message: "runtime monitoring is off",
        },
        {
            it: "ECS tasks without the managed Fargate agent",
            fixtures: patch(ecsStack, "runtime_monitoring", {
                additionalConfigurations: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "DISABLED" }],
            }),
            message:
                "runtime_monitoring (aws:guardduty/detectorFeature:DetectorFeature): the stack runs ECS Fargate tasks but GuardDuty does not manage the runtime agent there",
        },
        {
            it: "an EKS cluster without the managed add-on",
            fixtures: patch(eksStack, "runtime_monitoring", runtime(false).inputs),
            message: "the stack runs an EKS cluster but GuardDuty does not manage the runtime agent there",
        },
        {
            it: "S3 buckets without S3 data events",
            fixtures: without(ecsStack, "s3_data_events"),
            message: "the stack runs S3 buckets but S3_DATA_EVENTS is not enabled",
        },
        {
            it: "a database without RDS login events",
            fixtures: patch(ecsStack, "rds_login_events", { status: "DISABLED" }),
            message: "the stack runs RDS databases but RDS_LOGIN_EVENTS is not enabled",
        },
        {
            it: "an EKS cluster without its audit logs watched",
            fixtures: without(eksStack, "eks_audit_logs"),
            message: "the stack runs an EKS cluster but EKS_AUDIT_LOGS is not enabled",
        },
    ],
});

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const appLogs = aws(
    LOG_GROUP,
    "api-logs",
    { retentionInDays: 30, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/logs" },
    {},
    "prod",
    "confidential",
);
const auditLogs = aws(LOG_GROUP, "flow-logs", {
    retentionInDays: 365,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/logs",
    tags: { Environment: "prod", DataClassification: "confidential", Owner: "platform-team", LogClass: "audit" },
});

specControl("careplane-log-group-encrypted", {
    passes: [{ it: "log groups under the logs key", fixtures: [appLogs, auditLogs] }],
    fails: [
        {
            it: "a log group without a key",
            fixtures: patch([appLogs], "api-logs", { kmsKeyId: undefined }),
            message: "api-logs (aws:cloudwatch/logGroup:LogGroup): it has no KMS key",
        },
    ],
});

specControl("careplane-log-group-retention", {
    passes: [
        { it: "30-day application logs and 1-year audit logs in prod", fixtures: [appLogs, auditLogs] },
        {
            it: "30-day audit logs in dev",
            fixtures: [
                aws(
                    LOG_GROUP,
                    "flow-logs",
                    {
                        retentionInDays: 30,
                        tags: { Environment: "dev", DataClassification: "internal", Owner: "platform-team", LogClass: "audit" },
                    },
                    {},
                    "dev",
                ),
            ],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "no retention (kept forever, never reviewed)",
            fixtures: patch([appLogs], "api-logs", { retentionInDays: undefined }),
            message: "it keeps events forever or has no retention set",
        },
        {
            it: "14-day application logs",
            fixtures: patch([appLogs], "api-logs", { retentionInDays: 14 }),
            message: "it keeps events 14 days; expected at least 30 days for prod application logs",
        },
        {
            it: "90-day audit logs in prod",
            fixtures: patch([auditLogs], "flow-logs", { retentionInDays: 90 }),
            message: "at least 365 days for prod audit logs",
        },
    ],
});

const alarm = aws("aws:cloudwatch/metricAlarm:MetricAlarm", "db-cpu", {
    metricName: "CPUUtilization",
    threshold: 80,
    alarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"],
});
specControl("careplane-cloudwatch-alarm-actions", {
    passes: [{ it: "an alarm notifying the alerts topic", fixtures: [alarm] }],
    fails: [
        {
            it: "an alarm without actions",
            fixtures: patch([alarm], "db-cpu", { alarmActions: undefined }),
            message: "db-cpu (aws:cloudwatch/metricAlarm:MetricAlarm): it has no alarm action",
        },
        {
            it: "an alarm with actions disabled",
            fixtures: patch([alarm], "db-cpu", { actionsEnabled: false }),
            message: "its actions are disabled",
        },
    ],
});

const topic = aws("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/data" });
specControl("careplane-sns-topic-encrypted", {
    passes: [{ it: "a topic under a stack key", fixtures: [topic] }],
    fails: [
        {
            it: "an unencrypted topic",
            fixtures: patch([topic], "alerts", { kmsMasterKeyId: undefined }),
            message: "alerts (aws:sns/topic:Topic): messages are not encrypted with a customer-managed key",
        },
        {
            it: "the AWS-managed key",
            fixtures: patch([topic], "alerts", { kmsMasterKeyId: "alias/aws/sns" }),
            message: "it uses the AWS-managed key alias/aws/sns",
        },
    ],
});

// Secrets Manager.
const SECRET = "aws:secretsmanager/secret:Secret";
const secret = aws(SECRET, "jwt", {
    name: "caresync/prod/jwt",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/secrets",
    recoveryWindowInDays: 30,
});
const rotateFunction = aws("aws:lambda/function:Function", "rotate", { name: "rotate" });
const rotation = res(
    "aws:secretsmanager/secretRotation:SecretRotation",
    "jwt-rotation",
    {
        secretId: "jwt-id",
        rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate",
        rotationRules: { automaticallyAfterDays: 90 },
    },
    { secretId: secret, rotationLambdaArn: rotateFunction },
);
/** An entry a partner issues, and the alarm on its age (careplane/Secrets SecretAgeDays). */
const issued = aws(SECRET, "smtp", {
    name: "caresync/prod/smtp",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/secrets",
    tags: { Rotation: "partner" },
});
const ageAlarm = aws("aws:cloudwatch/metricAlarm:MetricAlarm", "smtp-age", {
    namespace: "careplane/Secrets",
    metricName: "SecretAgeDays",
    dimensions: { SecretName: "caresync/prod/smtp" },
    threshold: 90,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "breaching",
    alarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"],
});

specControl("careplane-secretsmanager-cmk", {
    passes: [{ it: "a secret under the secrets key", fixtures: [secret] }],
    fails: [
        {
            it: "no key",
            fixtures: patch([secret], "jwt", { kmsKeyId: undefined }),
            message: "jwt (aws:secretsmanager/secret:Secret): it uses the AWS-managed key (no kmsKeyId)",
        },
        {
            it: "the AWS-managed alias",
            fixtures: patch([secret], "jwt", { kmsKeyId: "alias/aws/secretsmanager" }),
            message: "it uses the AWS-managed key alias/aws/secretsmanager",
        },
    ],
});

specControl("careplane-secretsmanager-rotation", {
    passes: [
        { it: "rotation every 90 days through a function", fixtures: [secret, rotateFunction, rotation] },
        {
            it: "a monthly cron schedule",
            fixtures: [
                secret,
                rotateFunction,
                ...patch([rotation], "jwt-rotation", { rotationRules: { scheduleExpression: "cron(0 4 1 * ? *)" } }),
            ],
        },
        {
            it: "the RDS-managed master secret rotating without a function",
            fixtures: (() => {
                const db = aws("aws:rds/instance:Instance", "db", { manageMasterUserPassword: true });
                return [
                    db,
                    res(
                        "aws:secretsmanager/secretRotation:SecretRotation",
                        "master",
                        { secretId: "arn:secret", rotationRules: { automaticallyAfterDays: 90 } },
                        { secretId: db },
                    ),
                ];
            })(),
        },
    ],
    fails: [
        {
            it: "rotation every 180 days",
            fixtures: [secret, rotateFunction, ...patch([rotation], "jwt-rotation", { rotationRules: { automaticallyAfterDays: 180 } })],
            message: "jwt-rotation (aws:secretsmanager/secretRotation:SecretRotation): the secret rotates every 180 days",
        },
        {
            it: "rotation without a function",
            fixtures: [secret, ...patch([rotation], "jwt-rotation", { rotationLambdaArn: undefined })],
            message: "the rotation names no rotation function",
        },
        {
            it: "a rotation function the stack does not deploy",
            fixtures: [
                secret,
                res("aws:secretsmanager/secretRotation:SecretRotation", "jwt-rotation", { ...rotation.inputs }, { secretId: secret }),
            ],
            message: "the rotation function arn:aws:lambda:us-east-1:123456789012:function:rotate is not one the stack deploys",
        },
        {
            it: "rotation disabled",
            fixtures: [secret, rotateFunction, ...patch([rotation], "jwt-rotation", { rotationEnabled: false })],
            message: "the rotation is disabled",
        },
        {
            it: "an unreadable schedule",
            fixtures: [secret, rotateFunction, ...patch([rotation], "jwt-rotation", { rotationRules: {} })],
            message: "the rotation has no readable schedule",
        },
    ],
});

specControl("careplane-secretsmanager-rotation-enabled", {
    passes: [
        { it: "a secret with a rotation", fixtures: [secret, rotateFunction, rotation] },
        { it: "a partner-issued secret whose age an alarm watches", fixtures: [issued, ageAlarm] },
    ],
    fails: [
        {
            it: "a secret that never rotates",
            fixtures: [secret],
            message: "jwt (aws:secretsmanager/secret:Secret): it never rotates",
        },
        {
            it: "an entry careplane generates tagged as partner-issued",
            fixtures: patch([secret], "jwt", { tags: { Rotation: "partner" } }),
            message: "careplane generates caresync/prod/jwt, yet it is tagged as issued by a partner and never rotates",
        },
        {
            it: "a partner-issued secret no alarm watches",
            fixtures: [issued],
            message: "it is issued by a partner and no alarm watches its age",
        },
        {
            it: "an age alarm past the rotation period",
            fixtures: [issued, ...patch([ageAlarm], "smtp-age", { threshold: 180 })],
            message: "its age alarm fires later than the rotation period, stays quiet without data, or notifies no one",
        },
        {
            it: "an age alarm quiet without data",
            fixtures: [issued, ...patch([ageAlarm], "smtp-age", { treatMissingData: "notBreaching" })],
            message: "its age alarm fires later than the rotation period",
        },
        {
            it: "an age alarm that notifies no one",
            fixtures: [issued, ...patch([ageAlarm], "smtp-age", { alarmActions: [] })],
            message: "its age alarm fires later than the rotation period",
        },
    ],
});

// IAM.
const ROLE = "aws:iam/role:Role";
const scoped = JSON.stringify({
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
const policy = aws("aws:iam/policy:Policy", "api-secrets", { policy: scoped });
const statements = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const role = aws(ROLE, "api", { assumeRolePolicy: "{}" });

specControl("careplane-iam-no-wildcard-actions", {
    passes: [
        { it: "a policy naming specific actions", fixtures: [policy, role] },
        {
            it: "iam:PassRole on one named role, to one service",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({
                    Effect: "Allow",
                    Action: "iam:PassRole",
                    Resource: "arn:aws:iam::123456789012:role/ecs-task-api",
                    Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
                }),
            }),
        },
        {
            it: "a Deny with s3:* (denies are not grants)",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] }),
            }),
        },
    ],
    fails: [
        {
            it: "administrator access",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] }),
            }),
            message: "api-secrets (aws:iam/policy:Policy): statement All allows * on every resource (administrator access)",
        },
        {
            it: "a whole service",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Sid: "S3", Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::docs/*" }] }),
            }),
            message: "statement S3 allows s3:*",
        },
        {
            it: "NotResource (every resource but those named)",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Rest", Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::audit/*" }),
            }),
            message: "statement Rest applies to every resource but arn:aws:s3:::audit/* (NotResource)",
        },
        {
            it: "iam:PassRole on every role",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
            }),
            message: "statement Pass allows iam:PassRole on *: every role of the account",
        },
        {
            it: "iam:Pass* on role/* of the account",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Pass", Effect: "Allow", Action: "iam:Pass*", Resource: "arn:aws:iam::123456789012:role/*" }),
            }),
            message: "allows iam:PassRole on arn:aws:iam::123456789012:role/*",
        },
        {
            it: "sts:AssumeRole on every role of every account",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Hop", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: "arn:aws:iam::*:role/*" }),
            }),
            message: "statement Hop allows sts:AssumeRole on arn:aws:iam::*:role/*",
        },
        {
            it: "NotAction",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Sid: "Most", Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }),
            }),
            message: "statement Most allows everything but iam:*",
        },
        {
            it: "a role's inline wildcard",
            fixtures: patch([role], "api", {
                inlinePolicies: [
                    { name: "all", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }) },
                ],
            }),
            message: "api (aws:iam/role:Role): statement (no Sid) allows kms:*",
        },
        {
            it: "AdministratorAccess attached",
            fixtures: [
                res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin", {
                    role: "api",
                    policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
                }),
            ],
            message: "it attaches the broad managed policy arn:aws:iam::aws:policy/AdministratorAccess",
        },
    ],
});

specControl("careplane-iam-no-users", {
    passes: [{ it: "roles only", fixtures: [role, policy] }],
    fails: [
        {
            it: "an IAM user",
            fixtures: [aws("aws:iam/user:User", "ci", {})],
            message: "ci (aws:iam/user:User): the program creates an IAM User",
        },
        {
            it: "an access key",
            fixtures: [res("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" })],
            message: "the program creates an IAM AccessKey",
        },
        { it: "an IAM group", fixtures: [res("aws:iam/group:Group", "admins", {})], message: "the program creates an IAM Group" },
    ],
});

specControl("careplane-iam-no-inline-policy", {
    passes: [{ it: "a managed policy and a role without inline policies", fixtures: [policy, role] }],
    fails: [
        {
            it: "a role policy (advisory)",
            fixtures: [res("aws:iam/rolePolicy:RolePolicy", "flow-logs", { role: "flow", policy: scoped })],
            message: "flow-logs (aws:iam/rolePolicy:RolePolicy): it is an inline policy",
        },
        {
            it: "a role embedding inline policies (advisory)",
            fixtures: patch([role], "api", { inlinePolicies: [{ name: "read", policy: scoped }] }),
            message: "the role embeds inline policies",
        },
    ],
});
