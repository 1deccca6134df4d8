import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../security/trust-policies";
import {
    accessLogPrefixes,
    allowListStatements,
    denyObjectReadsExcept,
    elbLogDelivery,
    replicationRolePolicy,
    s3LogDelivery,
} from "./bucket-policies";
import { principalsOf } from "../access/stack-principals";
import { PlatformContext } from "../context";
import { BackupConfig } from "../config/schema/backup";
import { logRetentionFloor } from "../audit/log-groups";
import { attachPolicy } from "../security/iam";
import { DisasterRecoveryRegion } from "../backup/dr-region";
import { emptiedOnDestroy, SecureBucket } from "./secure-bucket";

type LifecycleRule = aws.types.input.s3.BucketLifecycleConfigurationRule;

/** Colder storage classes in order, with the days S3 bills an object for at least once it moves there. */
const coldTiers = [
    { storageClass: "STANDARD_IA", afterDays: 30, minimumDays: 30 },
    { storageClass: "GLACIER", afterDays: 90, minimumDays: 90 },
    { storageClass: "DEEP_ARCHIVE", afterDays: 180, minimumDays: 180 },
] as const;

/** The tiers worth moving to for data kept `retentionDays`: only those it stays in for their minimum. */
export function coldTransitions(retentionDays: number) {
    return coldTiers.filter((t) => t.afterDays + t.minimumDays <= retentionDays);
}

/** Multipart uploads abandoned this long are removed (their parts are billed but invisible). */
export const ABORT_INCOMPLETE_UPLOADS_DAYS = 7;

/**
 * Lifecycle rules for data kept `retentionDays`: versions move to colder classes while they are
 * kept, noncurrent versions expire after the retention, abandoned uploads are aborted; with
 * `expireCurrent`, current versions expire after the retention too (logs, backups — not live data).
 */
export function retentionLifecycle(retentionDays: number, expireCurrent: boolean): LifecycleRule[] {
    const tiers = coldTransitions(retentionDays);
    const rules: LifecycleRule[] = [
        {
            id: "tier-down-and-expire",
            status: "Enabled",
            filter: {},
            transitions:
                expireCurrent && tiers.length ? tiers.map((t) => ({ days: t.afterDays, storageClass: t.storageClass })) : undefined,
            noncurrentVersionTransitions: tiers.length
                ? tiers.map((t) => ({ noncurrentDays: t.afterDays, storageClass: t.storageClass }))
                : undefined,
            expiration: expireCurrent ? { days: retentionDays } : undefined,
            noncurrentVersionExpiration: { noncurrentDays: retentionDays },
        },
        {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_DAYS },
        },
    ];
    if (expireCurrent) {
        rules.push({ id: "remove-expired-delete-markers", status: "Enabled", filter: {}, expiration: { expiredObjectDeleteMarker: true } });
    }
    return rules;
}

/** Replicas reach the DR region within 15 minutes, or S3 Replication Time Control raises an event. */
export const REPLICATION_TIME_MINUTES = 15;

export interface StorageArgs {
    context: PlatformContext;
    /** Encrypts documents and images. */
    dataKeyArn: pulumi.Input<string>;
    /** Encrypts the backup bucket. */
    backupsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** Where the backup bucket replicates to; absent outside prod unless configured. */
    dr?: DisasterRecoveryRegion;
    /** The only roles that read the access logs (full URLs and client addresses: PHI-bearing). */
    logReaderArns: pulumi.Input<string[]>;
    /** The backup bucket's retention and Object Lock, which the PHI buckets' lifecycles follow (`careplane:backup`). */
    backup: Pick<BackupConfig, "retentionDays" | "objectLockMode">;
}

/** The roles outside storage that use the PHI buckets, known once compute and backup exist (see Storage.admit). */
export interface StorageUsers {
    /** Every application role of the stack (IRSA roles, ECS task roles): documents and images. */
    applicationRoleArns: pulumi.Input<string>[];
    /** AWS Backup's role, which backs up and restores documents and images. */
    backupRoleArn: pulumi.Input<string>;
    /** GuardDuty Malware Protection's role, which reads and tags what is uploaded to documents and images. */
    uploadScannerRoleArn: pulumi.Input<string>;
}

export interface BucketRef {
    name: pulumi.Output<string>;
    arn: pulumi.Output<string>;
}

/**
 * The platform's S3 storage [000 file storage]: documents and images (PHI, backed up by AWS
 * Backup), the backup bucket (Object Lock, cold tiers, replicated to the DR region where there is
 * one) and the access-log bucket every bucket and load balancer logs to.
 */
export class Storage extends pulumi.ComponentResource {
    readonly accessLogs: BucketRef;
    /** Prefix under which load balancers write their access logs (the bucket's policy admits them). */
    readonly albAccessLogPrefix = accessLogPrefixes.alb.replace(/\/$/, "");
    readonly documents: BucketRef;
    readonly images: BucketRef;
    readonly backups: BucketRef;
    readonly drBackups: BucketRef | undefined;
    /** Resolved by admit(): the PHI buckets' policies wait for it. */
    private readonly users: pulumi.Output<StorageUsers>;
    private readonly resolveUsers: (users: pulumi.Output<StorageUsers>) => void;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:storage:Storage", name, {}, opts);
        const ctx = args.context;
        const cfg = args.backup;
        const child = { parent: this };
        const physical = (suffix: string) => pulumi.interpolate`${ctx.name(suffix)}-${args.accountId}`;
        const accountId = pulumi.output(args.accountId);
        [this.users, this.resolveUsers] = pulumi.deferredOutput<StorageUsers>();
        const principals = pulumi.all([args.partition, accountId]).apply(([partition, id]) => principalsOf(ctx, partition, id));
        // Documents and images: the applications use them, AWS Backup backs them up and restores them, GuardDuty scans uploads.
        const applicationsAndBackup = (emptiedOnDestroy: boolean) => (arn: string) =>
            pulumi.all([principals, this.users]).apply(([p, users]) =>
                pulumi
                    .all([pulumi.all(users.applicationRoleArns), users.backupRoleArn, users.uploadScannerRoleArn])
                    .apply(([apps, backupRole, scanner]) =>
                        allowListStatements(arn, {
                            dataPrincipals: [...apps, backupRole, scanner, p.breakGlassRole],
                            managers: [p.deployRole, p.breakGlassRole],
                            emptiers: emptiedOnDestroy ? [p.deployRole] : [],
                        }),
                    ),
            );
        // The backup bucket and its DR copy: nothing reads them but break-glass, nothing writes them but replication.
        // Where destroy empties them (dev, test: GOVERNANCE lock), the deploy role lists and deletes their versions.
        const lock = { mode: cfg.objectLockMode, days: cfg.retentionDays };
        const backupsEmptied = emptiedOnDestroy(ctx, lock);
        const replicationAndBreakGlass = (replicationRoleArn: pulumi.Output<string | undefined>) => (arn: string) =>
            pulumi.all([principals, replicationRoleArn]).apply(([p, replication]) =>
                allowListStatements(arn, {
                    dataPrincipals: [...(replication ? [replication] : []), p.breakGlassRole],
                    managers: [p.deployRole, p.breakGlassRole],
                    emptiers: backupsEmptied ? [p.deployRole] : [],
                }),
            );
        const backupsEmptier = backupsEmptied ? principals.apply((p) => p.deployRole) : undefined;

        const readers = pulumi.output(args.logReaderArns);
        const logs = this.accessLogBucket(`${name}-access-logs`, ctx, physical("access-logs"), accountId, readers, ctx.region, child);
        this.accessLogs = logs;
        const logsTo = (purpose: string) => ({ bucket: logs.name, prefix: `${accessLogPrefixes.s3}${purpose}/` });

        const liveData = (purpose: "documents" | "images") =>
            new SecureBucket(
                `${name}-${purpose}`,
                {
                    context: ctx,
                    bucketName: physical(purpose),
                    classification: "phi",
                    encryption: { kmsKeyArn: args.dataKeyArn },
                    lifecycleRules: retentionLifecycle(cfg.retentionDays, false),
                    accessLogs: logsTo(purpose),
                    policyStatements: applicationsAndBackup(emptiedOnDestroy(ctx)),
                    tags: { Backup: "true" },
                },
                child,
            );
        this.documents = liveData("documents");
        this.images = liveData("images");

        // Created before the buckets it copies between: their policies name it.
        const replicationRole = args.dr ? this.replicationRole(`${name}-backups-dr`, args) : undefined;
        const replicationRoleArn = pulumi.output(replicationRole?.arn);
        const backups = new SecureBucket(
            `${name}-backups`,
            {
                context: ctx,
                bucketName: physical("backups"),
                classification: "phi",
                encryption: { kmsKeyArn: args.backupsKeyArn },
                objectLock: lock,
                emptier: backupsEmptier,
                lifecycleRules: retentionLifecycle(cfg.retentionDays, true),
                accessLogs: logsTo("backups"),
                policyStatements: replicationAndBreakGlass(replicationRoleArn),
            },
            child,
        );
        this.backups = backups;

        if (args.dr) {
            const inDr = { parent: this, provider: args.dr.provider };
            const drLogs = this.accessLogBucket(
                `${name}-access-logs-dr`,
                ctx,
                physical("access-logs-dr"),
                accountId,
                readers,
                args.dr.region,
                inDr,
            );
            const replica = new SecureBucket(
                `${name}-backups-dr`,
                {
                    context: ctx,
                    bucketName: physical("backups-dr"),
                    classification: "phi",
                    encryption: { kmsKeyArn: args.dr.backupsKey.arn },
                    // Replicas keep the retention their source version carries; this default covers the rest.
                    objectLock: lock,
                    emptier: backupsEmptier,
                    lifecycleRules: retentionLifecycle(cfg.retentionDays, true),
                    accessLogs: { bucket: drLogs.name, prefix: `${accessLogPrefixes.s3}backups-dr/` },
                    policyStatements: replicationAndBreakGlass(replicationRoleArn),
                },
                inDr,
            );
            this.drBackups = replica;
            this.replicate(`${name}-backups-dr`, replicationRole!, backups, replica, args, args.dr);
        }

        this.registerOutputs({
            accessLogBucket: this.accessLogs,
            documentsBucket: this.documents,
            imagesBucket: this.images,
            backupBucket: this.backups,
            drBackupBucket: this.drBackups,
        });
    }

    /**
     * Names the roles outside storage that use the PHI buckets; their policies admit those and
     * no others. Call once, after compute and backup exist: until then the policies wait.
     */
    admit(users: StorageUsers): void {
        this.resolveUsers(pulumi.output(users));
    }

    /**
     * The bucket S3 server access logs and load-balancer logs are delivered to. Both deliveries
     * accept only SSE-S3 on their target ("The only server-side encryption option that's supported
     * is Amazon S3-managed keys (SSE-S3)",
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html),
     * and it does not log to itself. Load-balancer logs hold full URLs and client addresses, so
     * where a key cannot guard them the bucket policy does: only the log readers read objects.
     * Logs are audit records: kept for the environment's audit floor.
     */
    private accessLogBucket(
        name: string,
        ctx: PlatformContext,
        bucketName: pulumi.Output<string>,
        accountId: pulumi.Output<string>,
        readers: pulumi.Output<string[]>,
        region: string,
        opts: pulumi.ComponentResourceOptions,
    ): SecureBucket {
        return new SecureBucket(
            name,
            {
                context: ctx,
                bucketName,
                classification: "confidential",
                encryption: "sse-s3",
                lifecycleRules: retentionLifecycle(logRetentionFloor(ctx, "audit"), true),
                policyStatements: (arn) =>
                    pulumi
                        .all([accountId, readers])
                        .apply(([id, readerArns]) => [
                            s3LogDelivery(arn, id),
                            elbLogDelivery(arn, id, region),
                            denyObjectReadsExcept(arn, readerArns),
                        ]),
                tags: { LogClass: "audit" },
            },
            opts,
        );
    }

    /** The role S3 replication assumes, for this account's buckets only. */
    private replicationRole(name: string, args: StorageArgs): aws.iam.Role {
        return new aws.iam.Role(
            name,
            {
                description: "S3 replicates the backup bucket to the disaster-recovery region",
                assumeRolePolicy: pulumi
                    .output(args.accountId)
                    .apply((accountId) => JSON.stringify(serviceTrustPolicy("s3.amazonaws.com", accountId))),
                tags: args.context.tags("internal"),
            },
            { parent: this },
        );
    }

    /** Every new version of the backup bucket is copied to the DR replica, encrypted with the DR key. */
    private replicate(
        name: string,
        role: aws.iam.Role,
        source: SecureBucket,
        replica: SecureBucket,
        args: StorageArgs,
        dr: DisasterRecoveryRegion,
    ) {
        const ctx = args.context;
        const child = { parent: this };
        const permissions = attachPolicy(
            name,
            ctx,
            role,
            "S3 replication of the backup bucket to the DR region",
            pulumi
                .all([source.arn, replica.arn, args.backupsKeyArn, dr.backupsKey.arn])
                .apply(([sourceBucketArn, destinationBucketArn, sourceKeyArn, destinationKeyArn]) =>
                    JSON.stringify(
                        replicationRolePolicy({
                            sourceBucketArn,
                            destinationBucketArn,
                            sourceKeyArn,
                            destinationKeyArn,
                            sourceRegion: ctx.region,
                            destinationRegion: dr.region,
                        }),
                    ),
                ),
            child,
        );
        new aws.s3.BucketReplicationConfig(
            name,
            {
                bucket: source.name,
                role: role.arn,
                rules: [
                    {
                        id: "backups-to-dr-region",
                        status: "Enabled",
                        priority: 1,
                        filter: {},
                        // A deletion in the primary region must not reach the copy that outlives it.
                        deleteMarkerReplication: { status: "Disabled" },
                        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                        destination: {
                            bucket: replica.arn,
                            encryptionConfiguration: { replicaKmsKeyId: dr.backupsKey.arn },
                            replicationTime: { status: "Enabled", time: { minutes: REPLICATION_TIME_MINUTES } },
                            metrics: { status: "Enabled", eventThreshold: { minutes: REPLICATION_TIME_MINUTES } },
                        },
                    },
                ],
            },
            // Objects written before the role may read and write them are never replicated.
            { parent: this, dependsOn: [source.versioning, replica.versioning, permissions] },
        );
    }
}
