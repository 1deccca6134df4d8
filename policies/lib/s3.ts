import { isOneOf, ResourceType } from "./resource-types";
import { ofType, referencedBy, referencing, StackResource, Typed } from "./stack";

export const BUCKET = "aws:s3/bucket:Bucket";
export const BUCKET_TYPES = [BUCKET, "aws:s3/bucketV2:BucketV2"] as const;
export const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const BUCKET_ACL = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"] as const;
export const ENCRYPTION = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
] as const;
export const VERSIONING = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"] as const;
export const LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"] as const;
export const OBJECT_LOCK = [
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
] as const;
export const REPLICATION = ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"] as const;
/** A bucket, with the properties of its type. */
export type Bucket = Typed<(typeof BUCKET_TYPES)[number]>;

export function buckets(resources: StackResource[]): Bucket[] {
    return ofType(resources, ...BUCKET_TYPES);
}

/** The configuration resources of the given types that apply to a bucket (their `bucket` input). */
export function configsOf<T extends ResourceType>(resources: StackResource[], bucket: StackResource, ...types: readonly T[]): Typed<T>[] {
    return referencing(resources, bucket, "bucket", ...types);
}

/**
 * The fewest days after which an enabled lifecycle rule of the bucket expires objects, current or
 * noncurrent versions; Infinity when none does.
 */
export function shortestExpiryDays(resources: StackResource[], bucket: StackResource): number {
    const days = configsOf(resources, bucket, ...LIFECYCLE)
        .flatMap((c) => (Array.isArray(c.props.rules) ? c.props.rules : []))
        .filter((r) => r.status !== "Disabled")
        .flatMap((r) => [r.expiration?.days, r.noncurrentVersionExpiration?.noncurrentDays])
        .filter((d: unknown): d is number => typeof d === "number");
    return Math.min(Infinity, ...days);
}

/** Backup buckets hold recovery copies: tagged Purpose=backup, or named for backups. */
export function isBackupBucket(bucket: Bucket): boolean {
    const purpose = String(bucket.props.tags?.Purpose ?? "").toLowerCase();
    return purpose === "backup" || purpose === "backups" || /backup/i.test(bucket.name);
}

/** Buckets another bucket replicates into (the DR copies). */
export function replicaDestinations(resources: StackResource[]): Set<string> {
    return new Set(ofType(resources, ...REPLICATION).flatMap((r) => referencedBy(r, "rules").map((d) => d.urn)));
}

/** Buckets that receive other buckets' server access logs or load balancers' access logs. */
export function logTargets(resources: StackResource[]): Set<string> {
    const serverLogs = ofType(resources, ...LOGGING).flatMap((l) => referencedBy(l, "targetBucket"));
    const lbLogs = ofType(resources, "aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer").flatMap((lb) =>
        referencedBy(lb, "accessLogs"),
    );
    return new Set([...serverLogs, ...lbLogs].filter((d) => isOneOf(BUCKET_TYPES, d.type)).map((d) => d.urn));
}

export const LIFECYCLE = [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
] as const;

/** The bucket's physical name as the program passed it; undefined when AWS is left to name it. */
export function bucketName(bucket: Bucket): string | undefined {
    return typeof bucket.props.bucket === "string" ? bucket.props.bucket : undefined;
}

/**
 * Buckets holding PHI: classified phi, holding backups, or receiving a copy of one of those by
 * replication (a DR copy is PHI wherever it lands, whatever its tags say).
 */
export function phiBuckets(resources: StackResource[]): Bucket[] {
    const all = buckets(resources);
    const phi = new Set(all.filter((b) => b.props.tags?.DataClassification === "phi" || isBackupBucket(b)).map((b) => b.urn));
    let grew = true;
    while (grew) {
        grew = false;
        for (const rule of ofType(resources, ...REPLICATION)) {
            if (!referencedBy(rule, "bucket").some((d) => phi.has(d.urn))) continue;
            for (const d of referencedBy(rule, "rules").filter((d) => isOneOf(BUCKET_TYPES, d.type) && !phi.has(d.urn))) {
                phi.add(d.urn);
                grew = true;
            }
        }
    }
    return all.filter((b) => phi.has(b.urn));
}

/** Buckets other buckets deliver their S3 server access logs to. */
export function serverAccessLogTargets(resources: StackResource[]): Set<string> {
    return new Set(
        ofType(resources, ...LOGGING)
            .flatMap((l) => referencedBy(l, "targetBucket"))
            .filter((d) => isOneOf(BUCKET_TYPES, d.type))
            .map((d) => d.urn),
    );
}

/**
 * Buckets load balancers deliver access logs to: an aws.lb.LoadBalancer's accessLogs bucket, or the
 * bucket an AWS Load Balancer Controller Ingress names in its load-balancer-attributes annotation.
 */
export function loadBalancerLogTargets(resources: StackResource[]): Set<string> {
    const fromLbs = ofType(resources, "aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer")
        .filter((lb) => lb.props.accessLogs?.enabled !== false)
        .flatMap((lb) => referencedBy(lb, "accessLogs").filter((d) => isOneOf(BUCKET_TYPES, d.type)));
    const annotated = new Set(
        ofType(resources, "kubernetes:networking.k8s.io/v1:Ingress").flatMap((i) => {
            const attributes = String(i.props.metadata?.annotations?.["alb.ingress.kubernetes.io/load-balancer-attributes"] ?? "");
            const pairs = new Map(attributes.split(",").map((a) => a.trim().split("=", 2) as [string, string]));
            return pairs.get("access_logs.s3.enabled") === "true" && pairs.get("access_logs.s3.bucket")
                ? [pairs.get("access_logs.s3.bucket")!]
                : [];
        }),
    );
    const fromIngresses = buckets(resources).filter((b) => annotated.has(bucketName(b) ?? ""));
    return new Set([...fromLbs, ...fromIngresses].map((b) => b.urn));
}
