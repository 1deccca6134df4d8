import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { LOG_READ_ACTIONS } from "../security/phi-log-access";
import { BREAK_GLASS_ROLE, BREAK_GLASS_SESSION_SECONDS, breakGlassSessionConditions } from "./stack-principals";

/**
 * Who may assume the break-glass role: the named IAM users of this account, each with an MFA
 * sign-in less than an hour old, under their own user name as the session name (every call of the
 * session then shows who made it in CloudTrail). Principals are matched by `aws:PrincipalArn` in a
 * condition, not named as Principal, so a user created after the role still counts. IAM Identity
 * Center sessions carry no `aws:MultiFactorAuthPresent`, so they cannot assume it: break-glass
 * users are IAM users with their own (hardware) MFA device, kept for emergencies.
 */
export function breakGlassTrustPolicy(p: { partition: string; accountId: string; users: string[] }) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "NamedPeopleWithRecentMfa",
                Effect: "Allow",
                Principal: { AWS: `arn:${p.partition}:iam::${p.accountId}:root` },
                Action: "sts:AssumeRole",
                Condition: {
                    ArnEquals: { "aws:PrincipalArn": p.users.map((u) => `arn:${p.partition}:iam::${p.accountId}:user/${u}`) },
                    StringEquals: { "sts:RoleSessionName": "${aws:username}" },
                    ...breakGlassSessionConditions,
                },
            },
        ],
    };
}

export interface BreakGlassPolicyInput {
    partition: string;
    accountId: string;
    app: string;
    environment: string;
    /** The stack's region and, where backups are copied, the DR region. */
    regions: string[];
    /** Every key the stack owns (each key's policy names this role for its administration). */
    keyArns: string[];
    /** Keys that encrypt the PHI buckets (read through S3 only). */
    bucketKeyArns: string[];
    secretsKeyArn: string;
    /** PHI buckets readable in an emergency [HIPAA 164.312(a)(2)(ii)]. */
    phiBucketArns: string[];
    /** Buckets of logs that can hold PHI (load balancers' full URLs): break-glass is one of their two readers. */
    logBucketArns: string[];
    /** The role AWS Backup restores with, which a restore job is given. */
    backupRoleArn: string;
}

/**
 * What break-glass may do, every statement only in a session opened with MFA within the hour:
 * administer this stack's keys (their policies name this role for it); restore or copy a recovery
 * point (the vault policies leave that to this role and AWS Backup's own role); read PHI buckets,
 * the logs that can hold PHI (with the auditor role, their only readers) and this stack's
 * secrets, and store a secret's value (an externally issued credential, an emergency rotation).
 * It deletes no data, changes no IAM and opens no network path.
 */
export function breakGlassPolicy(p: BreakGlassPolicyInput) {
    const mfa = breakGlassSessionConditions;
    const [home] = p.regions;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AdministerThisStacksKeys",
                Effect: "Allow",
                Action: [
                    "kms:PutKeyPolicy",
                    "kms:GetKeyPolicy",
                    "kms:CreateGrant",
                    "kms:ListGrants",
                    "kms:RevokeGrant",
                    "kms:DisableKey",
                    "kms:EnableKey",
                    "kms:DescribeKey",
                    "kms:ScheduleKeyDeletion",
                    "kms:CancelKeyDeletion",
                ],
                Resource: p.keyArns,
                Condition: mfa,
            },
            {
                Sid: "RestoreOrCopyRecoveryPoints",
                Effect: "Allow",
                Action: ["backup:StartRestoreJob", "backup:StartCopyJob", "backup:GetRecoveryPointRestoreMetadata"],
                Resource: p.regions.map((r) => `arn:${p.partition}:backup:${r}:${p.accountId}:recovery-point:*`),
                Condition: mfa,
            },
            {
                Sid: "FollowRestoreJobs",
                Effect: "Allow",
                Action: [
                    "backup:DescribeRecoveryPoint",
                    "backup:ListRecoveryPointsByBackupVault",
                    "backup:DescribeRestoreJob",
                    "backup:ListRestoreJobs",
                    "backup:DescribeCopyJob",
                    "backup:ListCopyJobs",
                ],
                Resource: "*",
                Condition: mfa,
            },
            {
                Sid: "RestoreJobsRunAsTheBackupRole",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: p.backupRoleArn,
                Condition: { ...mfa, StringEquals: { "iam:PassedToService": "backup.amazonaws.com" } },
            },
            {
                Sid: "ReadPhiBuckets",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions"],
                Resource: p.phiBucketArns.flatMap((arn) => [arn, `${arn}/*`]),
                Condition: mfa,
            },
            {
                Sid: "ReadLogGroups",
                Effect: "Allow",
                // Read in place; no export task (a copy of the logs elsewhere).
                Action: [
                    ...LOG_READ_ACTIONS.filter((a) => a !== "logs:CreateExportTask"),
                    "logs:DescribeLogGroups",
                    "logs:DescribeLogStreams",
                ],
                Resource: p.regions.map((r) => `arn:${p.partition}:logs:${r}:${p.accountId}:log-group:*`),
                Condition: mfa,
            },
            {
                Sid: "ReadLogBuckets",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
                Resource: p.logBucketArns.flatMap((arn) => [arn, `${arn}/*`]),
                Condition: mfa,
            },
            {
                Sid: "DecryptPhiThroughS3",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: p.bucketKeyArns,
                Condition: { ...mfa, StringEquals: { "kms:ViaService": p.regions.map((r) => `s3.${r}.amazonaws.com`) } },
            },
            {
                Sid: "ReadAndStoreThisStacksSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:PutSecretValue"],
                Resource: `arn:${p.partition}:secretsmanager:${home}:${p.accountId}:secret:${p.app}/${p.environment}/*`,
                Condition: mfa,
            },
            {
                Sid: "UseTheSecretsKeyThroughSecretsManager",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: p.secretsKeyArn,
                Condition: { ...mfa, StringEquals: { "kms:ViaService": `secretsmanager.${home}.amazonaws.com` } },
            },
        ],
    };
}

export interface BreakGlassArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    keyArns: pulumi.Input<string>[];
    bucketKeyArns: pulumi.Input<string>[];
    secretsKeyArn: pulumi.Input<string>;
    phiBucketArns: pulumi.Input<string>[];
    logBucketArns: pulumi.Input<string>[];
    backupRoleArn: pulumi.Input<string>;
    /** The IAM users who may assume the role (`careplane:access.breakGlass.users`). */
    users: string[];
    /** The region backups are copied to, whose vault the role may also restore from. */
    drRegion?: string;
}

/**
 * The emergency-access role `<app>-<env>-break-glass` [HIPAA 164.312(a)(2)(ii)]: assumed only by
 * the people `careplane:access.breakGlass.users` names, with MFA, for at most an hour. Its use is
 * the audit area's alarm (CloudTrail AssumeRole of this role name); docs/runbooks.md holds the
 * procedure.
 */
export class BreakGlass extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: string;

    constructor(name: string, args: BreakGlassArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:access:BreakGlass", name, {}, opts);
        const ctx = args.context;
        this.roleName = ctx.name(BREAK_GLASS_ROLE);
        const role = new aws.iam.Role(
            name,
            {
                name: this.roleName,
                description: "Break-glass: emergency access with MFA (keys, restores, PHI reads); every use alarms",
                assumeRolePolicy: pulumi
                    .all([args.partition, args.accountId])
                    .apply(([partition, accountId]) => JSON.stringify(breakGlassTrustPolicy({ partition, accountId, users: args.users }))),
                maxSessionDuration: BREAK_GLASS_SESSION_SECONDS,
                tags: ctx.tags("phi", { Access: "break-glass" }),
            },
            { parent: this },
        );
        const regions = [ctx.region, ...(args.drRegion ? [args.drRegion] : [])];
        attachPolicy(
            name,
            ctx,
            role,
            "Break-glass: administer this stack's keys, restore recovery points, read PHI and secrets, with MFA",
            pulumi
                .all([
                    args.partition,
                    args.accountId,
                    pulumi.all(args.keyArns),
                    pulumi.all(args.bucketKeyArns),
                    args.secretsKeyArn,
                    pulumi.all(args.phiBucketArns),
                    pulumi.all(args.logBucketArns),
                    args.backupRoleArn,
                ])
                .apply(([partition, accountId, keyArns, bucketKeyArns, secretsKeyArn, phiBucketArns, logBucketArns, backupRoleArn]) =>
                    JSON.stringify(
                        breakGlassPolicy({
                            partition,
                            accountId,
                            app: ctx.app,
                            environment: ctx.environment,
                            regions,
                            keyArns,
                            bucketKeyArns,
                            secretsKeyArn,
                            phiBucketArns,
                            logBucketArns,
                            backupRoleArn,
                        }),
                    ),
                ),
            { parent: this },
        );
        this.roleArn = role.arn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
