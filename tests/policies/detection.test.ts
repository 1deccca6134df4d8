// Pass/fail fixtures for the audit and detection controls: each rule a control checks has a case
// that breaks it alone.
import { aws, Fixture, patch, res, specControl, without } from "../support/controls";

const ARN = "arn:aws:iam::123456789012";
const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";

// ---- the trail's security alarms ----------------------------------------------------------------
const trailGroup = aws(
    LOG_GROUP,
    "trail-logs",
    { name: "/careplane/trail", kmsKeyId: "k", retentionInDays: 365 },
    {},
    "prod",
    "confidential",
);
const trail = aws(
    TRAIL,
    "trail",
    { s3BucketName: "audit", cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/careplane/trail:*" },
    { cloudWatchLogsGroupArn: trailGroup },
    "prod",
    "confidential",
);
const alarmKey = aws("aws:kms/key:Key", "alarm-key", { policy: "{}" }, {}, "prod", "confidential");
const topic = aws(
    TOPIC,
    "topic",
    { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/alarms" },
    { kmsMasterKeyId: alarmKey },
    "prod",
    "internal",
);
const signalPatterns: Record<string, string> = {
    trail: '{ ($.eventSource = "cloudtrail.amazonaws.com") && (($.eventName = "StopLogging") || ($.eventName = "DeleteTrail") || ($.eventName = "UpdateTrail")) }',
    "key-policy": '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "PutKeyPolicy")) }',
    "key-deletion": '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "ScheduleKeyDeletion")) }',
    "key-disabled": '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey")) }',
    guardduty: '{ ($.eventSource = "guardduty.amazonaws.com") && ($.eventName = "DeleteDetector") }',
    root: '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) }',
    mfa: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    "break-glass": `{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "${ARN}:role/caresync-prod-break-glass") }`,
};
const signalFixtures = Object.entries(signalPatterns).flatMap(([key, pattern]): Fixture[] => [
    res(
        FILTER,
        `filter-${key}`,
        { logGroupName: "/careplane/trail", pattern, metricTransformation: { name: key, namespace: "careplane/security", value: "1" } },
        { logGroupName: trailGroup },
    ),
    aws(
        ALARM,
        `alarm-${key}`,
        {
            namespace: "careplane/security",
            metricName: key,
            alarmActions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
            tags: { Environment: "prod", DataClassification: "internal", Owner: "platform-team", Severity: "critical" },
        },
        { alarmActions: topic },
        "prod",
        "internal",
    ),
]);
const watchedTrail = [trailGroup, trail, alarmKey, topic, ...signalFixtures];

specControl("careplane-trail-security-alarms", {
    passes: [
        { it: "a trail whose log group has a filter and a critical alarm for every signal", fixtures: watchedTrail },
        {
            it: "a trail that delivers to no log group (careplane-cloudtrail-trail-configured's case)",
            fixtures: [patch([trail], "trail", { cloudWatchLogsGroupArn: undefined })[0]].map((t) => ({
                ...t,
                propertyDependencies: {},
                dependencies: [],
            })),
        },
    ],
    fails: [
        {
            it: "no filter for StopLogging, DeleteTrail and UpdateTrail",
            fixtures: without(watchedTrail, "filter-trail"),
            message:
                "trail (aws:cloudtrail/trail:Trail): no metric filter on the trail's log group picks out StopLogging, DeleteTrail, UpdateTrail",
        },
        {
            it: "a console-login filter that does not look at MFA",
            fixtures: patch(watchedTrail, "filter-mfa", { pattern: '{ ($.eventName = "ConsoleLogin") }' }),
            message: "picks out console sign-in without MFA",
        },
        {
            it: "a break-glass filter on another role",
            fixtures: patch(watchedTrail, "filter-break-glass", {
                pattern: `{ ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "${ARN}:role/admin") }`,
            }),
            message: "picks out break-glass role assumed",
        },
        {
            it: "the root filter's alarm rated high, not critical",
            fixtures: patch(watchedTrail, "alarm-root", {
                tags: { Environment: "prod", DataClassification: "internal", Owner: "platform-team", Severity: "high" },
            }),
            message: "no critical alarm notifying an SNS topic watches the metric of root account use",
        },
        {
            it: "the key-deletion alarm with its actions disabled",
            fixtures: patch(watchedTrail, "alarm-key-deletion", { actionsEnabled: false }),
            message: "no critical alarm notifying an SNS topic watches the metric of ScheduleKeyDeletion",
        },
    ],
});

// ---- findings routed ----------------------------------------------------------------------------
const RULE = "aws:cloudwatch/eventRule:EventRule";
const detector = aws("aws:guardduty/detector:Detector", "detector", { enable: true }, {}, "prod", "confidential");
const analyzer = aws("aws:accessanalyzer/analyzer:Analyzer", "analyzer", { analyzerName: "a", type: "ACCOUNT" }, {}, "prod", "internal");
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

specControl("careplane-access-analyzer-enabled", {
    passes: [
        { it: "a prod stack with an account analyzer", fixtures: [analyzer] },
        { it: "a test stack without one", fixtures: [aws("aws:ec2/vpc:Vpc", "vpc", {}, {}, "test")], environment: "test" },
    ],
    fails: [
        {
            it: "a prod stack without one",
            fixtures: [detector],
            message: "stack (pulumi:pulumi:Stack): the prod stack has no external-access analyzer",
        },
        {
            it: "an analyzer of unused access only",
            fixtures: patch([analyzer], "analyzer", { type: "ACCOUNT_UNUSED_ACCESS" }),
            message: "the prod stack has no external-access analyzer",
        },
    ],
});

// ---- malware protection -------------------------------------------------------------------------
const BUCKET = "aws:s3/bucket:Bucket";
const documents = aws(BUCKET, "documents", { bucket: "caresync-prod-documents" });
const backups = aws(BUCKET, "backups", { bucket: "caresync-prod-backups" });
const scan = res(
    "aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan",
    "scan-documents",
    { role: `${ARN}:role/scan`, protectedResource: { s3Bucket: { bucketName: "caresync-prod-documents" } } },
    { protectedResource: documents },
);

specControl("careplane-s3-malware-protection", {
    passes: [
        { it: "the upload bucket scanned (backups are not uploads)", fixtures: [documents, backups, scan] },
        { it: "a plan naming the bucket by its name", fixtures: [documents, { ...scan, propertyDependencies: {}, dependencies: [] }] },
        { it: "a confidential bucket without a plan", fixtures: [aws(BUCKET, "reports", { bucket: "r" }, {}, "prod", "confidential")] },
    ],
    fails: [
        {
            it: "an upload bucket without a plan",
            fixtures: [documents, backups],
            message: "documents (aws:s3/bucket:Bucket): no Malware Protection plan scans the objects uploaded to this PHI bucket",
        },
        {
            it: "a plan without its role",
            fixtures: [documents, patch([scan], "scan-documents", { role: undefined })[0]],
            message: "no Malware Protection plan scans",
        },
    ],
});

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
const pgLog = aws(LOG_GROUP, "pg-log", { name: "/aws/rds/instance/caresync-prod-db/postgresql", kmsKeyId: "k", retentionInDays: 365 });
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

// ---- PHI-bearing logs fenced --------------------------------------------------------------------
const ROLE = "aws:iam/role:Role";
const peopleTrust = JSON.stringify({
    Statement: [
        {
            Effect: "Allow",
            Principal: { AWS: `${ARN}:root` },
            Action: "sts:AssumeRole",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
    ],
});
const serviceTrust = JSON.stringify({
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const slowLog = aws(LOG_GROUP, "slow-log", { name: "/careplane/redis/slow-log", kmsKeyId: "k", retentionInDays: 30 });
const wafLog = aws(
    LOG_GROUP,
    "waf-log",
    { name: "aws-waf-logs-caresync-prod-web-acl", kmsKeyId: "k", retentionInDays: 365 },
    {},
    "prod",
    "confidential",
);
const wafLogging = res(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "waf-logging",
    { logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-caresync-prod-web-acl"] },
    { logDestinationConfigs: wafLog },
);
const phiGroups = [pgLog, slowLog, wafLog];
const denyDoc = (groups: Fixture[], actions = ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:CreateExportTask"]) =>
    JSON.stringify({
        Statement: [
            {
                Effect: "Deny",
                Action: actions,
                Resource: groups.flatMap((g) => [
                    `arn:aws:logs:us-east-1:123456789012:log-group:${g.inputs.name}`,
                    `arn:aws:logs:us-east-1:123456789012:log-group:${g.inputs.name}:*`,
                ]),
            },
        ],
    });
const denyPolicy = aws("aws:iam/policy:Policy", "deny", { policy: denyDoc(phiGroups) }, { policy: phiGroups }, "prod", "internal");
const analyst = aws(ROLE, "analytics", { name: "caresync-prod-analytics", assumeRolePolicy: peopleTrust }, {}, "prod", "confidential");
const auditorRole = aws(ROLE, "auditor", { name: "caresync-prod-auditor", assumeRolePolicy: peopleTrust }, {}, "prod", "confidential");
const taskRole = aws(ROLE, "task", { assumeRolePolicy: serviceTrust }, {}, "prod", "confidential");
const attachment = res(
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "analytics-deny",
    { role: "caresync-prod-analytics" },
    { role: analyst, policyArn: denyPolicy },
);
const accessLogs = aws(BUCKET, "access-logs", { bucket: "access-logs" }, {}, "prod", "confidential");
const alb = aws(
    "aws:lb/loadBalancer:LoadBalancer",
    "alb",
    { accessLogs: { bucket: "access-logs", enabled: true } },
    { accessLogs: accessLogs },
);
const fence = (readers: string[], extra: Record<string, unknown> = {}) =>
    res(
        "aws:s3/bucketPolicy:BucketPolicy",
        "access-logs-policy",
        {
            bucket: "access-logs",
            policy: JSON.stringify({
                Statement: [
                    {
                        Sid: "OnlyLogReadersReadObjects",
                        Effect: "Deny",
                        Principal: "*",
                        Action: ["s3:GetObject", "s3:GetObjectVersion"],
                        Resource: "arn:aws:s3:::access-logs/*",
                        Condition: { ArnNotEquals: { "aws:PrincipalArn": readers }, ...extra },
                    },
                ],
            }),
        },
        { bucket: accessLogs },
    );
const readers = [`${ARN}:role/caresync-prod-break-glass`, `${ARN}:role/caresync-prod-auditor`];
const fenced = [...phiGroups, wafLogging, denyPolicy, analyst, auditorRole, taskRole, attachment, accessLogs, alb, fence(readers)];

specControl("careplane-phi-logs-fenced", {
    passes: [
        {
            it: "every PHI-bearing log group denied to the people's role, the access-log bucket fenced to the two readers",
            fixtures: fenced,
        },
        {
            it: "a deny on every log group of the account",
            fixtures: patch(fenced, "deny", {
                policy: JSON.stringify({ Statement: [{ Effect: "Deny", Action: "logs:*", Resource: "*" }] }),
            }),
        },
    ],
    fails: [
        {
            it: "the people's role without the deny",
            fixtures: without(fenced, "analytics-deny"),
            message:
                "analytics (aws:iam/role:Role): a person or CI job assuming it is not denied reading the PHI-bearing log groups /aws/rds/instance/caresync-prod-db/postgresql, /careplane/redis/slow-log, aws-waf-logs-caresync-prod-web-acl",
        },
        {
            it: "a deny that forgets the WAF log (tagged confidential, but WAF writes to it)",
            fixtures: patch(fenced, "deny", { policy: denyDoc([pgLog, slowLog]) }),
            message: "not denied reading the PHI-bearing log groups aws-waf-logs-caresync-prod-web-acl",
        },
        {
            it: "a deny without Logs Insights queries",
            fixtures: patch(fenced, "deny", { policy: denyDoc(phiGroups, ["logs:GetLogEvents", "logs:FilterLogEvents"]) }),
            message: "analytics (aws:iam/role:Role): a person or CI job assuming it is not denied reading",
        },
        {
            it: "an access-log bucket anyone with S3 read permissions reads",
            fixtures: without(fenced, "access-logs-policy"),
            message:
                "access-logs (aws:s3/bucket:Bucket): its log files (full URLs, client addresses, data events) can be read by anyone with S3 read permissions",
        },
        {
            it: "an access-log bucket that also lets an administrator role read",
            fixtures: fenced.map((f) => (f.name === "access-logs-policy" ? fence([...readers, `${ARN}:role/administrator`]) : f)),
            message: "access-logs (aws:s3/bucket:Bucket): its log files",
        },
        {
            it: "a fence that lifts itself for any request over a VPC endpoint",
            fixtures: fenced.map((f) =>
                f.name === "access-logs-policy" ? fence(readers, { StringNotEquals: { "aws:SourceVpce": "vpce-1" } }) : f,
            ),
            message: "access-logs (aws:s3/bucket:Bucket): its log files",
        },
    ],
});

// ---- WAF credentials ----------------------------------------------------------------------------
const visibility = (sampled: boolean) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: sampled, metricName: "m" });
const acl = aws(
    "aws:wafv2/webAcl:WebAcl",
    "acl",
    {
        scope: "REGIONAL",
        visibilityConfig: visibility(false),
        rules: [{ name: "AWSManagedRulesCommonRuleSet", visibilityConfig: visibility(false) }],
    },
    {},
    "prod",
    "internal",
);
const aclLogging = res(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "acl-logging",
    {
        redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }, { queryString: {} }],
    },
    { resourceArn: acl },
);
const dataProtection = {
    dataProtections: [{ action: "SUBSTITUTION", field: { fieldType: "SINGLE_HEADER", fieldKeys: ["authorization", "cookie"] } }],
};

specControl("careplane-waf-credentials-redacted", {
    passes: [
        { it: "sampling off and credentials redacted from the log", fixtures: [acl, aclLogging] },
        {
            it: "sampling on, with the web ACL's data protection replacing both headers everywhere",
            fixtures: [
                patch([acl], "acl", {
                    dataProtectionConfig: dataProtection,
                    visibilityConfig: visibility(true),
                    rules: [{ name: "r", visibilityConfig: visibility(true) }],
                })[0],
                patch([aclLogging], "acl-logging", { redactedFields: [] })[0],
            ],
        },
    ],
    fails: [
        {
            it: "sampling on in a rule",
            fixtures: [
                patch([acl], "acl", { rules: [{ name: "AWSManagedRulesCommonRuleSet", visibilityConfig: visibility(true) }] })[0],
                aclLogging,
            ],
            message:
                "acl (aws:wafv2/webAcl:WebAcl): sampled requests of rule AWSManagedRulesCommonRuleSet keep the authorization and cookie headers",
        },
        {
            it: "sampling on in the web ACL, data protection on the Authorization header only",
            fixtures: [
                patch([acl], "acl", {
                    visibilityConfig: visibility(true),
                    dataProtectionConfig: {
                        dataProtections: [{ action: "HASH", field: { fieldType: "SINGLE_HEADER", fieldKeys: ["authorization"] } }],
                    },
                })[0],
                aclLogging,
            ],
            message: "sampled requests of the web ACL keep the cookie headers",
        },
        {
            it: "a log that keeps the Cookie header",
            fixtures: [acl, patch([aclLogging], "acl-logging", { redactedFields: [{ singleHeader: { name: "authorization" } }] })[0]],
            message: "its logging keeps the cookie headers",
        },
    ],
});
