// Who may read the logs that can hold PHI, as plain policy documents (evaluated with iam-simulate
// in the access table): the break-glass role and the auditor role read them; every other role
// people or CI assume is denied, whatever else it is granted (ReadOnlyAccess included).
//
// Logs that can hold PHI: the database's postgresql log (pgaudit statements, error messages that
// quote values), Redis's slow log (commands with their arguments), WAF and CloudFront logs and the
// load balancers' access logs (client addresses and full URLs), and Session Manager transcripts
// (whatever an operator's shell printed).
import { OBJECT_READ_ACTIONS, policyDocument, Statement } from "../storage/bucket-policies";
import { PlatformContext } from "../context";
import { BREAK_GLASS_ROLE } from "../access/stack-principals";

/** Reading a log group's events, by any route (console, Insights, live tail, export to S3, unmasking). */
export const LOG_READ_ACTIONS = [
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
    "logs:StartQuery",
    "logs:GetQueryResults",
    "logs:GetLogRecord",
    "logs:StartLiveTail",
    "logs:Unmask",
    "logs:CreateExportTask",
];

/**
 * Reading the database's log files straight from the instance (the postgresql log with its pgaudit
 * statements), which ReadOnlyAccess grants through `rds:Download*` (RDS User Guide, "Monitoring
 * Amazon RDS log files").
 */
export const DATABASE_LOG_READ_ACTIONS = ["rds:DownloadDBLogFilePortion", "rds:DownloadCompleteDBLogFile"];

/** The roles that read PHI-bearing logs: emergency access, and the people who review activity [164.308(a)(1)(ii)(D)]. */
export function logReaderRoleNames(ctx: PlatformContext): string[] {
    return [breakGlassRoleName(ctx), auditorRoleName(ctx)];
}

/** The break-glass role (`components/access/break-glass.ts`) is known by this name. */
export const breakGlassRoleName = (ctx: PlatformContext) => ctx.name(BREAK_GLASS_ROLE);
export const auditorRoleName = (ctx: PlatformContext) => ctx.name("auditor");

export const roleArn = (partition: string, accountId: string, name: string) => `arn:${partition}:iam::${accountId}:role/${name}`;

export interface PhiLogs {
    /** Log group ARNs as the provider reports them (without `:*`). */
    logGroupArns: string[];
    /** Buckets whose objects are logs that can hold PHI. */
    bucketArns: string[];
}

/** Both spellings IAM matches a log group's actions against: the group, and its streams. */
const logGroupResources = (arns: string[]) => arns.flatMap((arn) => [arn, `${arn}:*`]);

/**
 * The explicit deny attached to every role people or CI assume, other than the two readers: no
 * allow anywhere (an AWS managed read-only policy, a later mistake) reaches PHI through the logs.
 * WAF keeps no credentials in sampled requests (sampling is off), and reading them is denied too.
 */
export function phiLogReadDenyPolicy(p: PhiLogs) {
    const statements: Statement[] = [
        { Sid: "DenyReadingPhiLogGroups", Effect: "Deny", Action: LOG_READ_ACTIONS, Resource: logGroupResources(p.logGroupArns) },
        { Sid: "DenyReadingPhiLogObjects", Effect: "Deny", Action: OBJECT_READ_ACTIONS, Resource: p.bucketArns.map((b) => `${b}/*`) },
        { Sid: "DenyDownloadingDatabaseLogFiles", Effect: "Deny", Action: DATABASE_LOG_READ_ACTIONS, Resource: "*" },
        { Sid: "DenyWafSampledRequests", Effect: "Deny", Action: "wafv2:GetSampledRequests", Resource: "*" },
    ];
    return policyDocument(statements);
}

export interface AuditorReadInput extends PhiLogs {
    /** Encrypts the trail's files (and the exported audit logs) in the archive bucket. */
    logsKeyArn: string;
    region: string;
}

/** The auditor reads the logs that record activity and the PHI-bearing ones, and writes nothing. */
export function auditorReadPolicy(p: AuditorReadInput) {
    return policyDocument([
        { Sid: "ReadAuditAndPhiLogGroups", Effect: "Allow", Action: LOG_READ_ACTIONS, Resource: logGroupResources(p.logGroupArns) },
        { Sid: "ListLogBuckets", Effect: "Allow", Action: "s3:ListBucket", Resource: p.bucketArns },
        { Sid: "ReadLogObjects", Effect: "Allow", Action: OBJECT_READ_ACTIONS, Resource: p.bucketArns.map((b) => `${b}/*`) },
        {
            Sid: "DecryptArchivedLogsThroughS3",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: p.logsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `s3.${p.region}.amazonaws.com` } },
        },
    ]);
}
