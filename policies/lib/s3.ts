import { PolicyResource } from "@pulumi/policy";
import { ofType, referencedBy, referencing } from "./stack";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const BUCKET_ACL = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];
export const ENCRYPTION = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
export const VERSIONING = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
export const LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];
export const OBJECT_LOCK = [
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
];
export const REPLICATION = ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"];
export const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

export function buckets(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...BUCKET_TYPES);
}

/** The configuration resources of the given types that apply to a bucket (their `bucket` input). */
export function configsOf(resources: PolicyResource[], bucket: PolicyResource, ...types: string[]): PolicyResource[] {
    return referencing(resources, bucket, "bucket", ...types);
}

/**
 * The fewest days after which an enabled lifecycle rule of the bucket expires objects, current or
 * noncurrent versions; Infinity when none does.
 */
export function shortestExpiryDays(resources: PolicyResource[], bucket: PolicyResource): number {
    const days = configsOf(resources, bucket, LIFECYCLE)
        .flatMap((c) => (Array.isArray(c.props.rules) ? c.props.rules : []))
        .filter((r: any) => r.status !== "Disabled")
        .flatMap((r: any) => [r.expiration?.days, r.noncurrentVersionExpiration?.noncurrentDays])
        .filter((d: unknown): d is number => typeof d === "number");
    return Math.min(Infinity, ...days);
}

/** Backup buckets hold recovery copies: tagged Purpose=backup, or named for backups. */
export function isBackupBucket(bucket: PolicyResource): boolean {
    const purpose = String(bucket.props.tags?.Purpose ?? "").toLowerCase();
    return purpose === "backup" || purpose === "backups" || /backup/i.test(bucket.name);
}

/** Buckets another bucket replicates into (the DR copies). */
export function replicaDestinations(resources: PolicyResource[]): Set<string> {
    return new Set(ofType(resources, ...REPLICATION).flatMap((r) => referencedBy(r, "rules").map((d) => d.urn)));
}

/** Buckets that receive other buckets' server access logs or load balancers' access logs. */
export function logTargets(resources: PolicyResource[]): Set<string> {
    const serverLogs = ofType(resources, ...LOGGING).flatMap((l) => referencedBy(l, "targetBucket"));
    const lbLogs = ofType(resources, "aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer").flatMap((lb) =>
        referencedBy(lb, "accessLogs"),
    );
    return new Set([...serverLogs, ...lbLogs].filter((d) => BUCKET_TYPES.includes(d.type)).map((d) => d.urn));
}
