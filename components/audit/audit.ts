import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyObjectReadsExcept, policyDocument, Statement } from "../storage/bucket-policies";
import { PlatformContext } from "../context";
import { AuditConfig } from "../config/schema/audit";
import { attachPolicy } from "../security/iam";
import { breakGlassRoleName, logReaderRoleNames, roleArn } from "../security/phi-log-access";
import { logGroup } from "./log-groups";
import { trailArn as stackTrailArn, trailName as stackTrailName } from "./trail-name";
import { SecureBucket } from "../storage/secure-bucket";
import { retentionLifecycle } from "../storage/storage";
import { RESTORE_TEST_BUCKET_PREFIX } from "../backup/backup";
import { AlarmSpec } from "../monitoring/cloudwatch-alarms";
import { EventRoute, SecurityAlerts } from "../monitoring/event-routes";
import { archiveFreshnessAlarm, archiveLogGroups } from "./archive";
import { logReaders } from "./log-readers";
import { protectUploads, UploadBucket } from "./malware-protection";
import {
    accessAnalyzerFindingsRoute,
    guardDutyFindingsRoute,
    securityAlarm,
    securitySignals,
    SECURITY_METRIC_NAMESPACE,
} from "./security-signals";

export interface GuardDutyFeature {
    name: string;
    additionalConfigurations?: Array<{ name: string; status: "ENABLED" | "DISABLED" }>;
}

/**
 * GuardDuty protections beyond the foundational data sources, for the stores and the compute
 * careplane runs: S3 data events, RDS logins and EBS malware scans always; runtime monitoring with
 * GuardDuty managing its agent (a sidecar in new Fargate tasks, the EKS add-on on clusters); EKS
 * audit logs on EKS. GuardDuty's automated agent configuration also creates the `guardduty-data`
 * VPC endpoint the agents report through, so the network adds none of its own.
 */
export function guardDutyFeatures(platform: "eks" | "ecs"): GuardDutyFeature[] {
    const eks = platform === "eks";
    const status = (on: boolean) => (on ? "ENABLED" : "DISABLED");
    return [
        { name: "S3_DATA_EVENTS" },
        { name: "RDS_LOGIN_EVENTS" },
        { name: "EBS_MALWARE_PROTECTION" },
        ...(eks ? [{ name: "EKS_AUDIT_LOGS" }] : []),
        {
            name: "RUNTIME_MONITORING",
            additionalConfigurations: [
                { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
                { name: "EKS_ADDON_MANAGEMENT", status: status(eks) },
                // EKS nodes are EC2 instances: the add-on covers them, and a second (EC2) agent would double the events.
                { name: "EC2_AGENT_MANAGEMENT", status: "DISABLED" },
            ],
        },
    ];
}

/** CloudTrail may read the bucket's ACL and write its files, for this trail only [cdk-nag: trail delivery]. */
export function trailBucketStatements(bucketArn: string, trailArn: string, accountId: string): Statement[] {
    const fromThisTrail = { StringEquals: { "aws:SourceArn": trailArn } };
    return [
        {
            Sid: "CloudTrailReadsAcl",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: fromThisTrail,
        },
        {
            Sid: "CloudTrailWritesLogFiles",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
            Condition: { StringEquals: { ...fromThisTrail.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
        },
    ];
}

/** CloudTrail delivers events to its log group through this role, and may do nothing else. */
export function trailDeliveryPolicy(logGroupArn: string) {
    return policyDocument([
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:log-stream:*` },
    ]);
}

/** Six years, counted as CloudWatch counts them (leap days included): HIPAA's documentation retention [164.316(b)(2)(i)]. */
export const SIX_YEARS_DAYS = 2192;

/**
 * How long the trail's bucket (the audit archive) keeps its objects, and how it locks them: prod,
 * which holds PHI, under COMPLIANCE Object Lock for at least six years (its backup retention when
 * longer); the other environments hold synthetic or anonymized data [000], so their audit files
 * follow their backup retention unlocked, and the stacks stay destroyable.
 */
export function auditArchiveRetention(
    ctx: PlatformContext,
    backupDays: number,
): { days: number; lock?: { mode: "COMPLIANCE"; days: number } } {
    if (!ctx.isProd) return { days: backupDays };
    const days = Math.max(SIX_YEARS_DAYS, backupDays);
    return { days, lock: { mode: "COMPLIANCE", days } };
}

export interface AuditArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** Encrypts the trail's files, its log group and the audit archive. */
    logsKeyArn: pulumi.Input<string>;
    /** Encrypts the upload buckets, which Malware Protection reads. */
    dataKeyArn: pulumi.Input<string>;
    /** Server access logs of the trail bucket go here (the storage area's log bucket). */
    accessLogBucket: pulumi.Input<string>;
    /** S3 buckets holding PHI: every object-level read and write on them is recorded. */
    phiBucketArns: pulumi.Input<string>[];
    /** The buckets people upload files to (documents, images): GuardDuty scans every new object. */
    uploadBuckets: UploadBucket[];
    /** Log groups that can hold PHI: only the break-glass and auditor roles read them. */
    phiLogGroups: aws.cloudwatch.LogGroup[];
    /** Buckets whose objects are logs that can hold PHI (the access-log bucket; the archive is added here). */
    phiLogBucketArns: pulumi.Input<string>[];
    /** Audit records kept with the trail's files for the archive's retention, by key. */
    archivedLogGroups: Record<string, aws.cloudwatch.LogGroup>;
    /** Roles people assume that must never read PHI through the logs, by key. */
    readOnlyRoles: Record<string, aws.iam.Role>;
    /** Which detectors and the trail this stack runs (`careplane:audit`). */
    config: AuditConfig;
    /** Whether this stack creates the account's singletons (GuardDuty's detector, IAM Access Analyzer's analyzer): `careplane:account.singletons`. */
    ownsAccountSingletons: boolean;
    /** GuardDuty's run-time monitoring follows the platform's agents. */
    platform: "eks" | "ecs";
    /** The stack's backup retention: the audit archive keeps its files at least as long (`careplane:backup.retentionDays`). */
    backupRetentionDays: number;
}

/** What the trail provides the rest of the audit area. */
interface TrailParts {
    arn: pulumi.Output<string>;
    bucket: SecureBucket;
    logGroup: aws.cloudwatch.LogGroup;
}

/**
 * Who did what [HIPAA 164.312(b)], and someone told at once when it matters
 * [164.308(a)(1)(ii)(D), 164.308(a)(6)(ii)]: a multi-region CloudTrail trail with log-file
 * validation, KMS encryption, delivery to CloudWatch Logs and S3 data events on PHI buckets, and
 * metric filters on it for the P1 security signals; the audit logs archived beside the trail's
 * files under Object Lock; GuardDuty watching the account's API calls, S3, RDS logins, volumes, the
 * containers at run time and, on EKS, the cluster's audit log [001], with Malware Protection on the
 * upload buckets; IAM Access Analyzer for access from outside the account; and the readers of the
 * logs that can hold PHI fenced to the break-glass and auditor roles.
 */
export class Audit extends pulumi.ComponentResource {
    readonly trailArn: pulumi.Output<string> | undefined;
    readonly detectorId: pulumi.Output<string> | undefined;
    /** For the monitoring area: the alarms on the trail's security metrics and the findings to route, all P1. */
    readonly securityAlerts: SecurityAlerts;
    readonly auditorRoleArn: pulumi.Output<string>;
    /** GuardDuty Malware Protection's role: it reads and tags the upload buckets' objects. */
    readonly uploadScannerRoleArn: pulumi.Output<string>;
    /** The deny every role people or CI assume carries (the pipeline's roles attach it too). */
    readonly phiLogReadDenyPolicyArn: pulumi.Output<string>;

    constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:audit:Audit", name, {}, opts);
        const ctx = args.context;
        const cfg = args.config;
        const child = { parent: this };
        const alarms: AlarmSpec[] = [];
        const events: EventRoute[] = [];

        const trail = cfg.trail ? this.createTrail(name, args) : undefined;
        this.trailArn = trail?.arn;
        if (trail) {
            alarms.push(...this.watchTrail(name, args, trail.logGroup));
            const archive = archiveLogGroups(name, { ...args, context: ctx, bucket: trail.bucket, groups: args.archivedLogGroups }, child);
            alarms.push(archiveFreshnessAlarm(archive.name));
        }
        // One detector per account and region: only the stack that owns the account's singletons makes it [18.6].
        if (cfg.guardDuty && args.ownsAccountSingletons) {
            const detector = new aws.guardduty.Detector(
                `${name}-guardduty`,
                { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: ctx.tags("confidential") },
                child,
            );
            for (const feature of guardDutyFeatures(args.platform)) {
                new aws.guardduty.DetectorFeature(
                    `${name}-${feature.name.toLowerCase().replace(/_/g, "-")}`,
                    { detectorId: detector.id, status: "ENABLED", ...feature },
                    child,
                );
            }
            this.detectorId = detector.id;
            events.push(guardDutyFindingsRoute);
        }
        this.uploadScannerRoleArn = protectUploads(name, { ...args, buckets: args.uploadBuckets }, child).arn;
        if (args.ownsAccountSingletons) {
            new aws.accessanalyzer.Analyzer(
                `${name}-access-analyzer`,
                { analyzerName: ctx.name("access-analyzer"), type: "ACCOUNT", tags: ctx.tags("internal") },
                child,
            );
            events.push(accessAnalyzerFindingsRoute);
        }

        const readers = logReaders(
            name,
            {
                ...args,
                phiLogGroupArns: args.phiLogGroups.map((g) => g.arn),
                phiLogBucketArns: [...args.phiLogBucketArns, ...(trail ? [trail.bucket.arn] : [])],
                auditLogGroupArns: [...(trail ? [trail.logGroup.arn] : []), ...Object.values(args.archivedLogGroups).map((g) => g.arn)],
            },
            child,
        );
        this.auditorRoleArn = readers.auditorRoleArn;
        this.phiLogReadDenyPolicyArn = readers.denyPolicyArn;
        this.securityAlerts = { alarms, events };

        this.registerOutputs({
            trailArn: this.trailArn,
            detectorId: this.detectorId,
            auditorRoleArn: this.auditorRoleArn,
            phiLogReadDenyPolicyArn: this.phiLogReadDenyPolicyArn,
        });
    }

    /** A metric filter per security signal on the trail's log group; the alarms on them go to the monitoring area. */
    private watchTrail(name: string, args: AuditArgs, group: aws.cloudwatch.LogGroup): AlarmSpec[] {
        const ctx = args.context;
        const breakGlassArn = pulumi
            .all([args.partition, args.accountId])
            .apply(([partition, accountId]) => roleArn(partition, accountId, breakGlassRoleName(ctx)));
        return securitySignals(breakGlassArn).map((signal) => {
            const metricName = ctx.name(`security-${signal.key}`);
            new aws.cloudwatch.LogMetricFilter(
                `${name}-security-${signal.key}`,
                {
                    name: metricName,
                    logGroupName: group.name,
                    pattern: signal.pattern,
                    metricTransformation: { name: metricName, namespace: SECURITY_METRIC_NAMESPACE, value: "1" },
                },
                { parent: this },
            );
            return securityAlarm(signal, metricName);
        });
    }

    private createTrail(name: string, args: AuditArgs): TrailParts {
        const ctx = args.context;
        const child = { parent: this };
        const trailName = stackTrailName(ctx);
        const trailArn = pulumi
            .all([args.partition, args.accountId])
            .apply(([partition, accountId]) => stackTrailArn(ctx, partition, accountId));
        const retention = auditArchiveRetention(ctx, args.backupRetentionDays);
        const readerArns = pulumi
            .all([args.partition, args.accountId])
            .apply(([partition, accountId]) => logReaderRoleNames(ctx).map((n) => roleArn(partition, accountId, n)));

        const bucket = new SecureBucket(
            `${name}-trail`,
            {
                context: ctx,
                bucketName: pulumi.interpolate`${ctx.name("cloudtrail")}-${args.accountId}`,
                classification: "confidential",
                encryption: { kmsKeyArn: args.logsKeyArn },
                objectLock: retention.lock,
                lifecycleRules: retentionLifecycle(retention.days, true),
                accessLogs: { bucket: args.accessLogBucket, prefix: "s3/cloudtrail/" },
                policyStatements: (arn) =>
                    pulumi
                        .all([trailArn, args.accountId, readerArns])
                        .apply(([trail, account, readers]) => [
                            ...trailBucketStatements(arn, trail, account),
                            denyObjectReadsExcept(arn, readers),
                        ]),
            },
            child,
        );
        const group = logGroup(
            `${name}-trail`,
            { context: ctx, name: `/careplane/${trailName}`, logClass: "audit", logsKeyArn: args.logsKeyArn },
            child,
        );
        const role = new aws.iam.Role(
            `${name}-trail`,
            {
                description: "CloudTrail delivers events to its log group",
                assumeRolePolicy: pulumi.jsonStringify(
                    policyDocument([
                        {
                            Effect: "Allow",
                            Principal: { Service: "cloudtrail.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
                        },
                    ]),
                ),
                tags: ctx.tags("internal"),
            },
            child,
        );
        const permissions = attachPolicy(
            `${name}-trail`,
            ctx,
            role,
            "CloudTrail writes to its log group only",
            group.arn.apply((arn) => JSON.stringify(trailDeliveryPolicy(arn))),
            child,
        );

        const trail = new aws.cloudtrail.Trail(
            `${name}-trail`,
            {
                name: trailName,
                s3BucketName: bucket.name,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                kmsKeyId: args.logsKeyArn,
                cloudWatchLogsGroupArn: pulumi.interpolate`${group.arn}:*`,
                cloudWatchLogsRoleArn: role.arn,
                // Advanced selectors, because restore tests restore S3 into buckets AWS Backup names
                // awsbackup-restore-test-<random> (AWS Backup Developer Guide, "Restore testing
                // inferred metadata": destinationBucketName is not overridable), which only a prefix
                // selects; a trail takes basic or advanced selectors, not both (CloudTrail User Guide,
                // "Logging data events").
                advancedEventSelectors: [
                    { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
                    {
                        name: "Reads and writes of PHI objects",
                        fieldSelectors: [
                            { field: "eventCategory", equals: ["Data"] },
                            { field: "resources.type", equals: ["AWS::S3::Object"] },
                            {
                                field: "resources.ARN",
                                startsWiths: [
                                    ...args.phiBucketArns.map((arn) => pulumi.interpolate`${arn}/`),
                                    pulumi.interpolate`arn:${args.partition}:s3:::${RESTORE_TEST_BUCKET_PREFIX}`,
                                ],
                            },
                        ],
                    },
                ],
                tags: ctx.tags("confidential"),
            },
            // CloudTrail tries the role when the trail is created: it must already hold its permissions.
            { parent: this, dependsOn: [bucket, permissions] },
        );
        return { arn: trail.arn, bucket, logGroup: group };
    }
}
