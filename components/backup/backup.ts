import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BackupConfig } from "../config/schema/backup";
import { PlatformContext } from "../context";
import { principalsOf } from "../access/stack-principals";
import { DisasterRecoveryRegion } from "./dr-region";
import { EnvironmentProfile, profiles } from "../config/profiles";

/** The tag a data store carries to be backed up: `Backup: "true"` (the data components set it on PHI stores). */
export const BACKUP_TAG = { key: "Backup", value: "true" } as const;

/** RDS read replicas hold their primary's data and keep no backups of their own: they are left out. */
const NOT_A_REPLICA = { key: "aws:ResourceTag/DatabaseRole", value: "replica" };

/** One rule of a backup plan, as data: when it runs and how long what it takes is kept. */
export interface BackupRuleSpec {
    ruleName: string;
    /** AWS Backup cron (UTC): minutes hours day-of-month month day-of-week year. */
    schedule: string;
    deleteAfterDays: number;
    coldStorageAfterDays?: number;
    /** Continuous backup: point-in-time recovery for RDS (and S3) between the scheduled points. */
    continuous?: boolean;
}

/**
 * Whether AWS Backup keeps the stack's databases continuously (point-in-time recovery): where the
 * profile ships transaction logs (prod). AWS Backup then owns each selected RDS instance's automated
 * backups: "Continuous backups created by AWS Backup are considered automated backups in Amazon RDS",
 * and the instance keeps them as long as the plan's continuous rule says (AWS Backup developer guide,
 * "Amazon RDS backups" and "Continuous backups and point-in-time recovery (PITR)": retention 1 to 35
 * days, changed through the backup plan only). The instance's own backupRetentionPeriod must then
 * equal the rule's, or RDS and AWS Backup rewrite each other's value on every deploy.
 */
export function continuousBackup(profile: EnvironmentProfile): boolean {
    return profile.transactionLogIntervalHours !== undefined;
}

/**
 * The rules per environment. Prod [000, 001, 004]: hourly with continuous backup (RPO 1 h; the
 * point-in-time window is the database's automated-backup retention, `pointInTimeRecoveryDays`, so
 * RDS and AWS Backup agree; at least the 7 days of incremental points the seeds ask), daily kept 30
 * days, monthly kept 1 year, yearly kept for the full retention (7 years) in cold storage after 90
 * days. Elsewhere: daily, kept the retention, and RDS keeps its own automated backups.
 */
export function backupRules(profile: EnvironmentProfile, backup: BackupConfig, pointInTimeRecoveryDays: number): BackupRuleSpec[] {
    if (!continuousBackup(profile)) {
        return [{ ruleName: "daily", schedule: "cron(0 5 ? * * *)", deleteAfterDays: backup.retentionDays }];
    }
    return [
        {
            ruleName: "hourly",
            schedule: `cron(0 0/${profile.transactionLogIntervalHours} ? * * *)`,
            deleteAfterDays: pointInTimeRecoveryDays,
            continuous: true,
        },
        { ruleName: "daily", schedule: "cron(0 5 ? * * *)", deleteAfterDays: 30 },
        { ruleName: "monthly", schedule: "cron(0 5 1 * ? *)", deleteAfterDays: 365 },
        { ruleName: "yearly", schedule: "cron(0 5 1 1 ? *)", deleteAfterDays: backup.retentionDays, coldStorageAfterDays: 90 },
    ];
}

/** Managed policies that let AWS Backup take and restore recovery points, and nothing else. */
const backupRolePolicies = [
    "service-role/AWSBackupServiceRolePolicyForBackup",
    "service-role/AWSBackupServiceRolePolicyForRestores",
    "AWSBackupServiceRolePolicyForS3Backup",
    "AWSBackupServiceRolePolicyForS3Restore",
];

/** AWS Backup alone assumes the backup role. */
export function backupRoleTrustPolicy() {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

/**
 * A vault's access policy: only the backup role deletes recovery points (AWS Backup's own
 * lifecycle expiry is not subject to it); nobody shortens a recovery point's retention; only
 * break-glass restores or copies a recovery point (a restore is a PHI copy outside the stack's
 * controls), besides AWS Backup itself running the plan's copies and the restore tests as the
 * backup role. IAM permissions alone no longer suffice for any of these.
 */
export function vaultAccessPolicy(p: { backupRoleArn: string; breakGlassRoleArn: string }) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OnlyBreakGlassRestoresOrCopies",
                Effect: "Deny",
                Principal: "*",
                Action: ["backup:StartRestoreJob", "backup:StartCopyJob"],
                Resource: "*",
                Condition: {
                    ArnNotEquals: { "aws:PrincipalArn": [p.breakGlassRoleArn, p.backupRoleArn] },
                    BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
                },
            },
            {
                Sid: "OnlyTheBackupRoleDeletesRecoveryPoints",
                Effect: "Deny",
                Principal: "*",
                Action: "backup:DeleteRecoveryPoint",
                Resource: "*",
                Condition: { ArnNotEquals: { "aws:PrincipalArn": p.backupRoleArn } },
            },
            {
                Sid: "NobodyShortensRetention",
                Effect: "Deny",
                Principal: "*",
                Action: "backup:UpdateRecoveryPointLifecycle",
                Resource: "*",
            },
        ],
    };
}

/** Resource types the weekly restore test restores [004: weekly restore verification]. */
export const restoreTestedTypes = ["RDS", "S3"] as const;
/** Restore tests restore a bucket into a new one AWS Backup names with this prefix and a random suffix. */
export const RESTORE_TEST_BUCKET_PREFIX = "awsbackup-restore-test-";

export interface BackupArgs {
    context: PlatformContext;
    /** Encrypts the primary vault (the stack's backups key). */
    backupsKeyArn: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    /**
     * Days of point-in-time recovery of the databases (`careplane:database.backupRetentionDays`): the
     * continuous rule keeps them exactly as long as the instances say (see continuousBackup).
     */
    pointInTimeRecoveryDays: number;
    /** Where recovery points are copied; absent outside prod unless configured. */
    dr?: DisasterRecoveryRegion;
    /** Retention, vault lock and restore testing (`careplane:backup`). */
    config: BackupConfig;
    /** Where the weekly restore tests restore databases: the stack's own VPC and DB subnet group. */
    restoreNetwork: RestoreTestNetwork;
}

export interface RestoreTestNetwork {
    vpcId: pulumi.Input<string>;
    /** The DB subnet group of the isolated data subnets. */
    dbSubnetGroupName: pulumi.Input<string>;
}

/**
 * AWS Backup for every data store tagged `Backup: "true"`: a vault per region (locked in prod),
 * the environment's plan with copies into the DR region's vault, a role limited to backup and
 * restore, and in prod a weekly restore test.
 */
export class Backup extends pulumi.ComponentResource {
    readonly vaultArn: pulumi.Output<string>;
    readonly drVaultArn: pulumi.Output<string> | undefined;
    readonly planId: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    private readonly ctx: PlatformContext;
    private readonly config: BackupConfig;

    constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:backup:Backup", name, {}, opts);
        const ctx = args.context;
        this.ctx = ctx;
        const cfg = args.config;
        this.config = cfg;
        const child = { parent: this };
        const rules = backupRules(profiles[ctx.environment], cfg, args.pointInTimeRecoveryDays);

        const vault = this.vault(name, ctx.name("vault"), args.backupsKeyArn, rules, child);
        this.vaultArn = vault.arn;
        const drVault = args.dr
            ? this.vault(`${name}-dr`, ctx.name("vault-dr"), args.dr.backupsKey.arn, rules, { parent: this, provider: args.dr.provider })
            : undefined;
        this.drVaultArn = drVault?.arn;

        const lifecycle = (r: BackupRuleSpec) => ({ deleteAfter: r.deleteAfterDays, coldStorageAfter: r.coldStorageAfterDays });
        const plan = new aws.backup.Plan(
            name,
            {
                name: ctx.name("backup-plan"),
                rules: rules.map((r) => ({
                    ruleName: r.ruleName,
                    targetVaultName: vault.name,
                    schedule: r.schedule,
                    scheduleExpressionTimezone: "Etc/UTC",
                    startWindow: 60,
                    completionWindow: r.continuous ? 120 : 24 * 60,
                    enableContinuousBackup: r.continuous ?? false,
                    lifecycle: lifecycle(r),
                    copyActions: drVault ? [{ destinationVaultArn: drVault.arn, lifecycle: lifecycle(r) }] : undefined,
                    recoveryPointTags: ctx.tags("phi", { BackupRule: r.ruleName }),
                })),
                tags: ctx.tags("internal"),
            },
            child,
        );
        this.planId = plan.id;

        const { role, attachments } = this.backupRole(name, args.partition);
        this.roleArn = role.arn;
        const accessPolicy = pulumi.all([role.arn, args.partition, args.accountId]).apply(([backupRoleArn, partition, accountId]) =>
            JSON.stringify(
                vaultAccessPolicy({
                    backupRoleArn,
                    breakGlassRoleArn: principalsOf(ctx, partition, accountId).breakGlassRole,
                }),
            ),
        );
        new aws.backup.VaultPolicy(name, { backupVaultName: vault.name, policy: accessPolicy }, child);
        if (drVault) {
            new aws.backup.VaultPolicy(
                `${name}-dr`,
                { backupVaultName: drVault.name, policy: accessPolicy },
                { parent: this, provider: args.dr!.provider },
            );
        }
        new aws.backup.Selection(
            name,
            {
                name: ctx.name("tagged-for-backup"),
                planId: plan.id,
                iamRoleArn: role.arn,
                resources: ["*"],
                conditions: [{ stringEquals: this.selectionConditions(), stringNotEquals: [NOT_A_REPLICA] }],
            },
            // A job started before the role's policies are attached fails with access denied.
            { parent: this, dependsOn: attachments },
        );

        if (cfg.restoreTesting) this.restoreTests(name, vault, role, args.restoreNetwork);

        this.registerOutputs({ vaultArn: this.vaultArn, drVaultArn: this.drVaultArn, planId: this.planId, roleArn: this.roleArn });
    }

    /** This stack's data stores that asked to be backed up; other stacks in the account are not. */
    private selectionConditions() {
        const ctx = this.ctx;
        return [
            { key: `aws:ResourceTag/${BACKUP_TAG.key}`, value: BACKUP_TAG.value },
            { key: "aws:ResourceTag/Environment", value: ctx.environment },
            { key: "aws:ResourceTag/Application", value: ctx.app },
        ];
    }

    private vault(
        name: string,
        vaultName: string,
        kmsKeyArn: pulumi.Input<string>,
        rules: BackupRuleSpec[],
        opts: pulumi.CustomResourceOptions,
    ): aws.backup.Vault {
        const ctx = this.ctx;
        const vault = new aws.backup.Vault(
            name,
            { name: vaultName, kmsKeyArn, forceDestroy: !ctx.deletionProtection, tags: ctx.tags("phi") },
            ctx.stateful(opts),
        );
        if (this.config.objectLockMode === "COMPLIANCE") {
            // After the grace period the lock is immutable: nobody, root included, can shorten or delete a recovery point.
            new aws.backup.VaultLockConfiguration(
                name,
                {
                    backupVaultName: vault.name,
                    minRetentionDays: Math.min(...rules.map((r) => r.deleteAfterDays)),
                    maxRetentionDays: Math.max(...rules.map((r) => r.deleteAfterDays)),
                    changeableForDays: 3,
                },
                opts,
            );
        }
        return vault;
    }

    /** Assumed by AWS Backup alone, with AWS's backup and restore policies and nothing more. */
    private backupRole(name: string, partition: pulumi.Input<string>): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
        const child = { parent: this };
        const role = new aws.iam.Role(
            name,
            {
                description: "AWS Backup takes and restores this stack's recovery points",
                assumeRolePolicy: JSON.stringify(backupRoleTrustPolicy()),
                tags: this.ctx.tags("internal"),
            },
            child,
        );
        const attachments = backupRolePolicies.map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${policy.split("/").pop()}`,
                    { role: role.id, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}` },
                    child,
                ),
        );
        return { role, attachments };
    }

    /**
     * Every Sunday, restore the latest recovery point of each tagged RDS database and bucket and validate it [004].
     * A database is restored into the stack's own data subnets behind a security group that admits nothing: left to
     * infer them, AWS Backup restores into the default VPC, which a fresh or hardened account does not have, and the
     * test fails (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html).
     */
    private restoreTests(name: string, vault: aws.backup.Vault, role: aws.iam.Role, network: RestoreTestNetwork) {
        const ctx = this.ctx;
        const child = { parent: this };
        // No rule in or out: a restored copy holds PHI and nothing needs to reach it to prove the restore worked.
        const isolated = new aws.ec2.SecurityGroup(
            `${name}-restore-tests`,
            {
                vpcId: network.vpcId,
                description: "AWS Backup restore tests: restored databases, reachable by nothing",
                ingress: [],
                egress: [],
                tags: ctx.tags("phi", { Name: ctx.name("restore-tests") }),
            },
            child,
        );
        const overrides: Record<(typeof restoreTestedTypes)[number], Record<string, pulumi.Input<string>> | undefined> = {
            RDS: {
                dbSubnetGroupName: network.dbSubnetGroupName,
                vpcSecurityGroupIds: isolated.id.apply((id) => JSON.stringify([id])),
            },
            S3: undefined,
        };
        // Restore-testing names allow letters, digits and underscores only.
        const plan = new aws.backup.RestoreTestingPlan(
            name,
            {
                name: ctx.name("weekly-restore-tests").replace(/-/g, "_"),
                scheduleExpression: "cron(0 6 ? * SUN *)",
                scheduleExpressionTimezone: "Etc/UTC",
                startWindowHours: 24,
                recoveryPointSelection: {
                    algorithm: "LATEST_WITHIN_WINDOW",
                    includeVaults: [vault.arn],
                    recoveryPointTypes: ["CONTINUOUS", "SNAPSHOT"],
                    selectionWindowDays: 7,
                },
                tags: ctx.tags("internal"),
            },
            child,
        );
        for (const type of restoreTestedTypes) {
            new aws.backup.RestoreTestingSelection(
                `${name}-${type.toLowerCase()}`,
                {
                    name: `${type.toLowerCase()}_tagged_for_backup`,
                    restoreTestingPlanName: plan.name,
                    protectedResourceType: type,
                    iamRoleArn: role.arn,
                    protectedResourceArns: ["*"],
                    protectedResourceConditions: { stringEquals: this.selectionConditions(), stringNotEquals: [NOT_A_REPLICA] },
                    restoreMetadataOverrides: overrides[type],
                },
                child,
            );
        }
    }
}
