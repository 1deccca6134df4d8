import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport, denyLockedVersionTampering, policyDocument, Statement } from "./bucket-policies";
import { DataClassification, PlatformContext } from "../context";

type LifecycleRule = aws.types.input.s3.BucketLifecycleConfigurationRule;

export interface SecureBucketArgs {
    context: PlatformContext;
    /** Physical bucket name (globally unique). */
    bucketName: pulumi.Input<string>;
    classification: DataClassification;
    /**
     * Default encryption: a KMS key (with S3 bucket keys), or SSE-S3 for a bucket that AWS log
     * delivery writes to (S3 server access logs and load-balancer logs accept only SSE-S3).
     */
    encryption: { kmsKeyArn: pulumi.Input<string> } | "sse-s3";
    /** Write-once retention for every new object version (the bucket is created lock-enabled). */
    objectLock?: { mode: "COMPLIANCE" | "GOVERNANCE"; days: number };
    lifecycleRules: LifecycleRule[];
    /** Server access logs go to this bucket under the prefix; omitted only for a log bucket itself. */
    accessLogs?: { bucket: pulumi.Input<string>; prefix: string };
    /**
     * The role `pulumi destroy` runs as (the deploy role). A locked bucket is emptied on destroy only
     * with it: its tamper deny lets this role, and no other, delete versions past the lock.
     */
    emptier?: pulumi.Input<string>;
    /** Statements beside the TLS-only deny, given the bucket's ARN. */
    policyStatements?: (bucketArn: string) => pulumi.Input<Statement[]>;
    /** Extra tags, e.g. `Backup: "true"` for AWS Backup's selection. */
    tags?: Record<string, string>;
}

/**
 * Throwaway stacks' buckets are emptied when destroyed. The provider's force destroy deletes every
 * version, locked ones included ("all objects (including any locked objects)", @pulumi/aws
 * Bucket.forceDestroy), bypassing GOVERNANCE retention (terraform-provider-aws
 * internal/service/s3/delete.go: DeleteObjects with BypassGovernanceRetention); nobody, root
 * included, deletes a version under COMPLIANCE retention, so such a bucket is never emptied.
 */
export function emptiedOnDestroy(ctx: PlatformContext, lock?: { mode: "COMPLIANCE" | "GOVERNANCE" }): boolean {
    return !ctx.deletionProtection && lock?.mode !== "COMPLIANCE";
}

/**
 * A private S3 bucket with the platform's floor: versioning, default encryption, all four public
 * access blocks, ACLs disabled (bucket owner enforced), a TLS-only policy, server access logging,
 * lifecycle rules and, where asked, Object Lock. Pass `provider` in opts for another region.
 */
export class SecureBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly name: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    /** Replication and anything else that needs versions must wait for this. */
    readonly versioning: aws.s3.BucketVersioning;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:storage:SecureBucket", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };
        const locked = args.objectLock !== undefined;
        const emptier = locked && emptiedOnDestroy(ctx, args.objectLock) ? args.emptier : undefined;

        this.bucket = new aws.s3.Bucket(
            name,
            {
                bucket: args.bucketName,
                objectLockEnabled: locked || undefined,
                forceDestroy: emptiedOnDestroy(ctx, args.objectLock) && (!locked || emptier !== undefined),
                tags: ctx.tags(args.classification, { Name: name, ...args.tags }),
            },
            ctx.stateful(child),
        );
        const bucket = this.bucket.bucket;
        this.name = bucket;
        this.arn = this.bucket.arn;

        this.versioning = new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
        new aws.s3.BucketServerSideEncryptionConfiguration(
            name,
            {
                bucket,
                rules: [
                    args.encryption === "sse-s3"
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                        : {
                              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption.kmsKeyArn },
                              bucketKeyEnabled: true,
                          },
                ],
            },
            child,
        );
        new aws.s3.BucketPublicAccessBlock(
            name,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child,
        );
        new aws.s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        new aws.s3.BucketPolicy(
            name,
            {
                bucket,
                policy: pulumi.all([this.bucket.arn, emptier]).apply(([arn, emptiedBy]) =>
                    pulumi
                        .output(args.policyStatements?.(arn) ?? [])
                        .apply((extra) =>
                            JSON.stringify(
                                policyDocument([
                                    denyInsecureTransport(arn),
                                    ...(locked ? denyLockedVersionTampering(arn, emptiedBy) : []),
                                    ...extra,
                                ]),
                            ),
                        ),
                ),
            },
            child,
        );
        if (args.objectLock) {
            new aws.s3.BucketObjectLockConfiguration(
                name,
                {
                    bucket,
                    objectLockEnabled: "Enabled",
                    rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days } },
                },
                { parent: this, dependsOn: [this.versioning] },
            );
        }
        new aws.s3.BucketLifecycleConfiguration(
            name,
            { bucket, rules: args.lifecycleRules },
            { parent: this, dependsOn: [this.versioning] },
        );
        if (args.accessLogs) {
            new aws.s3.BucketLogging(
                name,
                {
                    bucket,
                    targetBucket: args.accessLogs.bucket,
                    targetPrefix: args.accessLogs.prefix,
                    targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
                },
                child,
            );
        }
        this.registerOutputs({ name: this.name, arn: this.arn });
    }
}
