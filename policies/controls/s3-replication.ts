import { stackControl } from "../lib/control";
import { environmentOfUrn } from "../lib/environment";
import { copiedAway } from "../lib/backup";
import { buckets, configsOf, isBackupBucket, logTargets, replicaDestinations, REPLICATION } from "../lib/s3";

export const s3Replication = stackControl({
    name: "careplane-s3-replication",
    description:
        "In prod, every bucket holding PHI or backups has a copy in the DR region, by S3 replication or by an AWS Backup plan that copies its recovery points there (replica buckets and the access-log bucket are exempt), so a regional outage loses no records.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-S3BucketReplicationEnabled"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...REPLICATION],
    check: (resources, report) => {
        const replicas = replicaDestinations(resources);
        const logs = logTargets(resources);
        for (const bucket of buckets(resources)) {
            if (environmentOfUrn(bucket.urn) !== "prod" || replicas.has(bucket.urn) || logs.has(bucket.urn)) continue;
            if (bucket.props.tags?.DataClassification !== "phi" && !isBackupBucket(bucket)) continue;
            const rules = configsOf(resources, bucket, ...REPLICATION).flatMap((c) => c.props.rules ?? []);
            if (!rules.some((r: any) => r.status === "Enabled") && !copiedAway(resources, bucket)) {
                report(bucket, {
                    problem: rules.length === 0 ? "it does not replicate to the DR region" : "its replication rules are all disabled",
                    expected:
                        'an aws.s3.BucketReplicationConfig with an "Enabled" rule into the DR region, or an AWS Backup selection whose plan copies to the DR vault',
                });
            }
        }
    },
});
