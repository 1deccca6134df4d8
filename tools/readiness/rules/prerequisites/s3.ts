// What S3 requires of a bucket before a configuration can be applied to it.
import { list, str } from "../../context";
import { stackRule } from "../../rule";
import { bucketEncryption, bucketName, bucketNamed, hasObjectLock, T, versioningBefore } from "../aws";

export const objectLockNeedsVersioning = stackRule(
    {
        id: "prerequisites/s3-object-lock-needs-versioning",
        family: "prerequisites",
        description: "An Object Lock configuration is applied only after the bucket's versioning is Enabled",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.objectLock).flatMap((lock) => {
            const bucket = ctx.referenced(lock, "bucket", T.bucket);
            if (!bucket || versioningBefore(ctx, bucket, lock)) return [];
            return [
                ctx.finding(rule, lock, {
                    message: `S3 refuses Object Lock on ${bucketName(bucket)} until its versioning is Enabled, and this configuration does not wait for a BucketVersioning that enables it`,
                    awsError: "InvalidBucketState",
                    fix: "enable versioning with an aws.s3.BucketVersioning (status Enabled) and make the lock configuration depend on it",
                }),
            ];
        }),
);

export const replicationNeedsVersioning = stackRule(
    {
        id: "prerequisites/s3-replication-needs-versioning",
        family: "prerequisites",
        description: "Replication is configured only once versioning is Enabled on the source and every destination bucket",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.replication).flatMap((replication) => {
            const source = ctx.referenced(replication, "bucket", T.bucket);
            const destinations = list<any>(replication.inputs.rules).map((r) => bucketNamed(ctx, replication, r?.destination?.bucket));
            const buckets = [source, ...destinations].filter((b, i, all) => b && all.indexOf(b) === i);
            return buckets
                .filter((b) => b && !versioningBefore(ctx, b, replication))
                .map((b) =>
                    ctx.finding(rule, replication, {
                        message: `S3 replication needs versioning Enabled on ${bucketName(b!)}, and this configuration does not wait for it`,
                        awsError: "InvalidRequest",
                        fix: `depend on the BucketVersioning of ${bucketName(b!)} (status Enabled)`,
                    }),
                );
        }),
);

export const replicationObjectLock = stackRule(
    {
        id: "prerequisites/s3-replication-object-lock",
        family: "prerequisites",
        description: "A bucket with Object Lock replicates only into buckets that have Object Lock too",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.replication).flatMap((replication) => {
            const source = ctx.referenced(replication, "bucket", T.bucket);
            if (!source || !hasObjectLock(ctx, source)) return [];
            return list<any>(replication.inputs.rules)
                .map((r) => bucketNamed(ctx, replication, r?.destination?.bucket))
                .filter((d) => d && !hasObjectLock(ctx, d))
                .map((d) =>
                    ctx.finding(rule, replication, {
                        message: `${bucketName(source)} has Object Lock; S3 replicates its locked objects only into a bucket with Object Lock, and ${bucketName(d!)} has none`,
                        awsError: "InvalidRequest",
                        fix: `create ${bucketName(d!)} with objectLockEnabled: true`,
                    }),
                );
        }),
);

export const accessLogTarget = stackRule(
    {
        id: "prerequisites/s3-access-log-target",
        family: "prerequisites",
        description: "A server access logging target bucket has no Object Lock and no SSE-KMS default encryption",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.bucketLogging).flatMap((logging) => {
            const target = bucketNamed(ctx, logging, logging.inputs.targetBucket);
            if (!target) return [];
            const problems = [
                hasObjectLock(ctx, target) ? "has Object Lock" : undefined,
                bucketEncryption(ctx, target)?.algorithm?.startsWith("aws:kms") ? "encrypts with SSE-KMS by default" : undefined,
            ].filter(Boolean);
            if (problems.length === 0) return [];
            return [
                ctx.finding(rule, logging, {
                    message: `S3 does not deliver server access logs into ${bucketName(target)}: it ${problems.join(" and ")}`,
                    awsError: "InvalidTargetBucketForLogging",
                    fix: "log into a bucket without Object Lock whose default encryption is SSE-S3 (AES256)",
                }),
            ];
        }),
);

/** Elastic Load Balancing's own accounts that write access logs, per region (regions opened since August 2022 use its service principal). */
export const ELB_LOG_ACCOUNTS: Record<string, string> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
};

export const loadBalancerLogBucket = stackRule(
    {
        id: "prerequisites/alb-access-log-bucket",
        family: "prerequisites",
        description: "An ALB's access log bucket uses SSE-S3 (ELB cannot write SSE-KMS objects)",
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
    },
    (ctx, rule) => {
        const targets = [
            ...ctx.ofType(T.ingress).map((ing) => ({ holder: ing, bucket: albAttribute(ing.inputs, "access_logs.s3.bucket") })),
            ...ctx.ofType(T.loadBalancer).map((lb) => ({ holder: lb, bucket: str((lb.inputs.accessLogs as any)?.bucket) })),
        ];
        return targets.flatMap(({ holder, bucket: name }) => {
            const bucket = name ? bucketNamed(ctx, holder, name) : undefined;
            const algorithm = bucket ? bucketEncryption(ctx, bucket)?.algorithm : undefined;
            if (!bucket || !algorithm || algorithm === "AES256") return [];
            return [
                ctx.finding(rule, holder, {
                    message: `Elastic Load Balancing writes access logs only into buckets encrypted with SSE-S3; ${bucketName(bucket)} uses ${algorithm}`,
                    awsError: "InvalidConfigurationRequest",
                    fix: `give ${bucketName(bucket)} SSE-S3 (AES256) default encryption, or log into another bucket`,
                }),
            ];
        });
    },
);

/** One attribute of the `alb.ingress.kubernetes.io/load-balancer-attributes` annotation. */
export function albAttribute(inputs: Record<string, unknown>, name: string): string | undefined {
    const annotations = ((inputs.metadata as any)?.annotations ?? {}) as Record<string, string>;
    const attributes = annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] ?? "";
    for (const pair of attributes.split(",")) {
        const [k, v] = pair.split("=").map((s) => s.trim());
        if (k === name) return v;
    }
    return undefined;
}
