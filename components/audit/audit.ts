import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, Statement } from "../storage/bucket-policies";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { logGroup } from "./log-groups";
import { trailArn as stackTrailArn, trailName as stackTrailName } from "./trail-name";
import { SecureBucket } from "../storage/secure-bucket";
import { retentionLifecycle } from "../storage/storage";

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

export interface AuditArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** Encrypts the trail's files and its log group. */
    logsKeyArn: pulumi.Input<string>;
    /** Server access logs of the trail bucket go here (the storage area's log bucket). */
    accessLogBucket: pulumi.Input<string>;
    /** S3 buckets holding PHI: every object-level read and write on them is recorded. */
    phiBucketArns: pulumi.Input<string>[];
}

/**
 * Who did what [HIPAA 164.312(b)]: a multi-region CloudTrail trail with log-file validation,
 * KMS encryption, delivery to CloudWatch Logs and S3 data events on PHI buckets; and GuardDuty
 * watching the account's API calls, S3, RDS logins, volumes, the containers at run time and, on
 * EKS, the cluster's audit log [001].
 */
export class Audit extends pulumi.ComponentResource {
    readonly trailArn: pulumi.Output<string> | undefined;
    readonly detectorId: pulumi.Output<string> | undefined;

    constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:audit:Audit", name, {}, opts);
        const ctx = args.context;
        const cfg = ctx.config.audit;
        this.trailArn = cfg.trail ? this.createTrail(name, args) : undefined;
        if (cfg.guardDuty) {
            const detector = new aws.guardduty.Detector(
                `${name}-guardduty`,
                { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: ctx.tags("confidential") },
                { parent: this },
            );
            for (const feature of guardDutyFeatures(ctx.config.compute.platform)) {
                new aws.guardduty.DetectorFeature(
                    `${name}-${feature.name.toLowerCase().replace(/_/g, "-")}`,
                    { detectorId: detector.id, status: "ENABLED", ...feature },
                    { parent: this },
                );
            }
            this.detectorId = detector.id;
        }
        this.registerOutputs({ trailArn: this.trailArn, detectorId: this.detectorId });
    }

    private createTrail(name: string, args: AuditArgs): pulumi.Output<string> {
        const ctx = args.context;
        const child = { parent: this };
        const trailName = stackTrailName(ctx);
        const trailArn = pulumi
            .all([args.partition, args.accountId])
            .apply(([partition, accountId]) => stackTrailArn(ctx, partition, accountId));
        const retention = ctx.config.backup.retentionDays;

        const bucket = new SecureBucket(
            `${name}-trail`,
            {
                context: ctx,
                bucketName: pulumi.interpolate`${ctx.name("cloudtrail")}-${args.accountId}`,
                classification: "confidential",
                encryption: { kmsKeyArn: args.logsKeyArn },
                objectLock: ctx.isProd ? { mode: "COMPLIANCE", days: retention } : undefined,
                lifecycleRules: retentionLifecycle(retention, true),
                accessLogs: { bucket: args.accessLogBucket, prefix: "s3/cloudtrail/" },
                policyStatements: (arn) =>
                    pulumi.all([trailArn, args.accountId]).apply(([trail, account]) => trailBucketStatements(arn, trail, account)),
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
        attachPolicy(
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
                eventSelectors: [
                    {
                        readWriteType: "All",
                        includeManagementEvents: true,
                        dataResources: [{ type: "AWS::S3::Object", values: args.phiBucketArns.map((arn) => pulumi.interpolate`${arn}/`) }],
                    },
                ],
                tags: ctx.tags("confidential"),
            },
            { parent: this, dependsOn: [bucket] },
        );
        return trail.arn;
    }
}
