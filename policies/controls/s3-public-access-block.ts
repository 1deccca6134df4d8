import { isOneOf } from "../lib/resource-types";
import { stackControl } from "../lib/control";
import { BUCKET_ACL, buckets, configsOf, PUBLIC_ACCESS_BLOCK } from "../lib/s3";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"] as const;

export const s3PublicAccessBlock = stackControl({
    name: "careplane-s3-public-access-block",
    description: "Every bucket has a public access block with all four flags on, and no public canned ACL.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [
        "HIPAA.Security-S3BucketLevelPublicAccessProhibited",
        "HIPAA.Security-S3BucketPublicReadProhibited",
        "HIPAA.Security-S3BucketPublicWriteProhibited",
    ],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", PUBLIC_ACCESS_BLOCK, ...BUCKET_ACL],
    check: (resources, report) => {
        for (const bucket of buckets(resources)) {
            const blocks = configsOf(resources, bucket, PUBLIC_ACCESS_BLOCK);
            if (blocks.length === 0) {
                report(bucket, {
                    problem: "it has no public access block",
                    expected: `an aws.s3.BucketPublicAccessBlock with ${FLAGS.join(", ")} all true`,
                });
            }
            for (const block of blocks) {
                const off = FLAGS.filter((f) => block.props[f] !== true);
                if (off.length > 0)
                    report(block, {
                        problem: `${off.join(", ")} not true for bucket ${bucket.name}`,
                        expected: "all four public access flags true",
                    });
            }
            const acls = [bucket.props.acl, ...configsOf(resources, bucket, ...BUCKET_ACL).map((a) => a.props.acl)];
            const publicAcl = acls.find((a) => isOneOf(PUBLIC_ACLS, a));
            if (publicAcl)
                report(bucket, { problem: `it has the canned ACL ${publicAcl}`, expected: "private ACL (bucket owner enforced)" });
        }
    },
});
