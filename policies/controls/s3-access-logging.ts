import { stackControl } from "../lib/control";
import { BUCKET, buckets, configsOf, LOGGING, logTargets } from "../lib/s3";

export const s3AccessLogging = stackControl({
    name: "careplane-s3-access-logging",
    description: "Every bucket writes server access logs to the stack's log bucket (the log bucket itself is exempt).",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.312(b)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-S3BucketLoggingEnabled"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...LOGGING],
    check: (resources, report) => {
        const targets = logTargets(resources);
        for (const bucket of buckets(resources)) {
            if (targets.has(bucket.urn)) continue;
            const logging = configsOf(resources, bucket, ...LOGGING).filter((l) => Boolean(l.props.targetBucket));
            if (logging.length === 0 && !(bucket.type === BUCKET && bucket.props.logging?.targetBucket)) {
                report(bucket, { problem: "server access logging is off", expected: "an aws.s3.BucketLogging into the log bucket" });
            }
        }
    },
});
