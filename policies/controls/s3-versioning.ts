import { stackControl } from "../lib/control";
import { BUCKET, buckets, configsOf, VERSIONING } from "../lib/s3";

export const s3Versioning = stackControl({
    name: "careplane-s3-versioning",
    description: "Every bucket keeps object versions, so an overwrite or delete can be undone.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.312(c)(1)", "164.312(c)(2)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-S3BucketVersioningEnabled"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...VERSIONING],
    check: (resources, report) => {
        for (const bucket of buckets(resources)) {
            const statuses = configsOf(resources, bucket, ...VERSIONING).map((v) => v.props.versioningConfiguration?.status);
            // The inline setting of an aws.s3.Bucket (a BucketV2 calls it versionings).
            if (bucket.type === BUCKET && bucket.props.versioning?.enabled === true) statuses.push("Enabled");
            if (!statuses.includes("Enabled")) {
                report(bucket, {
                    problem: statuses.length === 0 ? "versioning is not configured" : `versioning is ${statuses.join(", ")}`,
                    expected: 'an aws.s3.BucketVersioning with status "Enabled"',
                });
            }
        }
    },
});
