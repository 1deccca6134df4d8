import { aws, Fixture, patch, res, specControl, without } from "../../support/controls";
import { ARN, BUCKET, LOG_GROUP, pgLog } from "../baselines/detection";

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
