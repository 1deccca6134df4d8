import { Fixture, patch, res, specControl, without } from "../../support/controls";
import { BUCKET, bucketSet, documents, logsBucket } from "../baselines/storage";

// Object Lock on backup buckets.
function backupBucket(env: string, retention: Record<string, unknown>): Fixture[] {
    const set = bucketSet("backups", logsBucket, { env, lock: true });
    return [
        ...set,
        res(
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            "backups-lock",
            { rule: { defaultRetention: retention } },
            { bucket: set[0] },
        ),
    ];
}
const prodLock = backupBucket("prod", { mode: "COMPLIANCE", years: 7 });
/** The backup bucket with a lifecycle rule expiring current and noncurrent versions after `days`. */
function expiringAfter(fixtures: Fixture[], days: number, noncurrentDays = days): Fixture[] {
    return [
        ...fixtures,
        res(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "backups-lifecycle",
            { rules: [{ id: "expire", status: "Enabled", expiration: { days }, noncurrentVersionExpiration: { noncurrentDays } }] },
            { bucket: fixtures[0] },
        ),
    ];
}
specControl("careplane-s3-backup-object-lock", {
    passes: [
        { it: "7 years in COMPLIANCE mode in prod", fixtures: prodLock },
        { it: "30 days in GOVERNANCE mode in dev", fixtures: backupBucket("dev", { mode: "GOVERNANCE", days: 30 }), environment: "dev" },
        { it: "a documents bucket without a lock (not a backup bucket)", fixtures: documents },
        { it: "a lifecycle expiring backups after 7 years in prod", fixtures: expiringAfter(prodLock, 2557) },
    ],
    fails: [
        {
            it: "a lifecycle expiring backups after 1 year in prod",
            fixtures: expiringAfter(prodLock, 365, 2557),
            message:
                "backups-lifecycle (aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration): the lifecycle of backup bucket backups expires objects after 365 days; expected no expiration (current or noncurrent) sooner than 2557 days in prod",
        },
        {
            it: "a lifecycle expiring noncurrent backup versions after 30 days in prod",
            fixtures: expiringAfter(prodLock, 2557, 30),
            message: "the lifecycle of backup bucket backups expires objects after 30 days",
        },
        {
            it: "a backup bucket without Object Lock",
            fixtures: patch(prodLock, "backups", { objectLockEnabled: undefined }, BUCKET),
            message: "backups (aws:s3/bucket:Bucket): Object Lock is not enabled on this backup bucket",
        },
        { it: "no default retention", fixtures: without(prodLock, "backups-lock"), message: "it has no default Object Lock retention" },
        {
            it: "1 year in prod",
            fixtures: backupBucket("prod", { mode: "COMPLIANCE", years: 1 }),
            message: "backups of bucket backups are locked 365 days; expected a default retention of at least 2557 days in prod",
        },
        {
            it: "GOVERNANCE mode in prod",
            fixtures: backupBucket("prod", { mode: "GOVERNANCE", years: 7 }),
            message: 'bucket backups locks in "GOVERNANCE" mode',
        },
        {
            it: "30 days in test (90 required)",
            fixtures: backupBucket("test", { mode: "GOVERNANCE", days: 30 }),
            environment: "test",
            message: "at least 90 days in test",
        },
    ],
});
