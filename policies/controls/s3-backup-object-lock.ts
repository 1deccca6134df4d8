import { stackControl } from "../lib/control";
import { environmentOfUrn } from "../lib/environment";
import { backupRetentionDays } from "../lib/minimums";
import { BUCKET, buckets, configsOf, isBackupBucket, LIFECYCLE, OBJECT_LOCK, shortestExpiryDays } from "../lib/s3";

function retentionDays(retention: any): number {
    return (retention?.days ?? 0) + Math.round((retention?.years ?? 0) * 365.25);
}

export const s3BackupObjectLock = stackControl({
    name: "careplane-s3-backup-object-lock",
    description:
        "Backup buckets have Object Lock with a default retention of at least the environment's backup retention (7 years in prod, in COMPLIANCE mode there), and no lifecycle rule expires their objects (current or noncurrent versions) sooner, so no one can delete or shorten a backup.",
    hipaa: ["164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)", "164.312(c)(1)", "164.316(b)(2)(i)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...OBJECT_LOCK, ...LIFECYCLE],
    check: (resources, report) => {
        for (const bucket of buckets(resources).filter(isBackupBucket)) {
            const env = environmentOfUrn(bucket.urn);
            const minimum = backupRetentionDays[env];
            // A lifecycle expiry cannot remove a locked version early, but it marks the bucket's intent and
            // deletes every version once a lock lapses or is shortened: it may not undercut the floor.
            const expiry = shortestExpiryDays(resources, bucket);
            if (expiry < minimum) {
                report(configsOf(resources, bucket, ...LIFECYCLE)[0] ?? bucket, {
                    problem: `the lifecycle of backup bucket ${bucket.name} expires objects after ${expiry} days`,
                    expected: `no expiration (current or noncurrent) sooner than ${minimum} days in ${env}`,
                });
            }
            if (bucket.props.objectLockEnabled !== true) {
                report(bucket, { problem: "Object Lock is not enabled on this backup bucket", expected: "objectLockEnabled: true" });
                continue;
            }
            const configs = configsOf(resources, bucket, ...OBJECT_LOCK);
            const retention =
                configs[0]?.props.rule?.defaultRetention ??
                (bucket.type === BUCKET ? bucket.props.objectLockConfiguration?.rule?.defaultRetention : undefined);
            if (!retention) {
                report(bucket, {
                    problem: "it has no default Object Lock retention",
                    expected: `an aws.s3.BucketObjectLockConfiguration of at least ${minimum} days`,
                });
                continue;
            }
            const days = retentionDays(retention);
            if (days < minimum) {
                report(configs[0] ?? bucket, {
                    problem: `backups of bucket ${bucket.name} are locked ${days} days`,
                    expected: `a default retention of at least ${minimum} days in ${env}`,
                });
            }
            if (env === "prod" && retention.mode !== "COMPLIANCE") {
                report(configs[0] ?? bucket, {
                    problem: `bucket ${bucket.name} locks in ${JSON.stringify(retention.mode)} mode, which privileged users can bypass`,
                    expected: 'mode "COMPLIANCE" in prod',
                });
            }
        }
    },
});
