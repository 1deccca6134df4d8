// What counts as a PHI bucket being in a backup plan (164.308(a)(7)(ii)(A): retrievable exact
// copies). Either AWS Backup protects it: an aws.backup.Selection picks it (AWS Backup supports
// S3, continuous and periodic, on versioned buckets: AWS Backup Developer Guide, "Amazon S3
// backups", https://docs.aws.amazon.com/aws-backup/latest/devguide/s3-backups.html). Or the bucket
// is itself an immutable copy: S3 Object Lock keeps every version for at least the environment's
// retention (WORM: "Locking objects with Object Lock", Amazon S3 User Guide,
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html), and in prod a replica
// in the DR region holds the same versions (or it is that replica), so one region's loss or one
// account admin's mistake loses nothing.
import { stackControl } from "../lib/control";
import { selects, SELECTION } from "../lib/backup";
import { environmentOfUrn } from "../lib/environment";
import { backupRetentionDays } from "../lib/minimums";
import { Bucket, configsOf, OBJECT_LOCK, phiBuckets, replicaDestinations, REPLICATION } from "../lib/s3";
import { ofType, StackResource } from "../lib/stack";

function lockedDays(resources: StackResource[], bucket: Bucket): number {
    if (bucket.props.objectLockEnabled !== true) return 0;
    const rules = configsOf(resources, bucket, ...OBJECT_LOCK).map((c) => c.props.rule?.defaultRetention ?? {});
    return Math.max(0, ...rules.map((r) => (typeof r.days === "number" ? r.days : typeof r.years === "number" ? r.years * 365 : 0)));
}

const replicates = (resources: StackResource[], bucket: StackResource) =>
    configsOf(resources, bucket, ...REPLICATION).some((c) => (c.props.rules ?? []).some((r: any) => r.status === "Enabled"));

export const s3PhiBackedUp = stackControl({
    name: "careplane-s3-phi-backed-up",
    description:
        "Every bucket holding PHI (classified phi, holding backups, or a replica of one) is in a backup plan: picked by an AWS Backup selection, or itself an immutable copy (Object Lock retaining every version for the environment's retention, and in prod replicated to the DR region or being that replica).",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", SELECTION, ...OBJECT_LOCK, ...REPLICATION],
    check: (resources, report) => {
        const selections = ofType(resources, SELECTION);
        const replicas = replicaDestinations(resources);
        for (const bucket of phiBuckets(resources)) {
            if (selections.some((s) => selects(s, bucket))) continue;
            const env = environmentOfUrn(bucket.urn);
            const locked = lockedDays(resources, bucket) >= backupRetentionDays[env];
            const copied = env !== "prod" || replicates(resources, bucket) || replicas.has(bucket.urn);
            if (locked && copied) continue;
            report(bucket, {
                problem: `no AWS Backup selection picks it, and it is not an immutable copy (${locked ? "locked, but not replicated to the DR region" : `no Object Lock retaining versions ${backupRetentionDays[env]} days`})`,
                expected:
                    "an aws.backup.Selection picking it (by ARN or its Backup tag), or Object Lock for the environment's retention and, in prod, replication to the DR region",
            });
        }
    },
});
