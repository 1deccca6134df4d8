import { patch, res, specControl, without } from "../../support/controls";
import { documentsBucket, storage, throughS3V2 } from "../baselines/storage";

specControl("careplane-s3-public-access-block", {
    passes: [
        { it: "buckets with all four flags", fixtures: storage },
        { it: "buckets with all four flags, through the V2 resources", fixtures: throughS3V2(storage) },
    ],
    fails: [
        {
            it: "a bucket without a public access block",
            fixtures: without(storage, "documents-pab"),
            message: "documents (aws:s3/bucket:Bucket): it has no public access block",
        },
        {
            it: "a block with public policies allowed",
            fixtures: patch(storage, "documents-pab", { blockPublicPolicy: false }),
            message:
                "documents-pab (aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock): blockPublicPolicy not true for bucket documents",
        },
        {
            it: "a public-read ACL",
            fixtures: [...storage, res("aws:s3/bucketAcl:BucketAcl", "documents-acl", { acl: "public-read" }, { bucket: documentsBucket })],
            message: "it has the canned ACL public-read",
        },
        {
            it: "a public-read ACL, through the V2 resources",
            fixtures: throughS3V2([
                ...storage,
                res("aws:s3/bucketAcl:BucketAcl", "documents-acl", { acl: "public-read" }, { bucket: documentsBucket }),
            ]),
            message: "documents (aws:s3/bucketV2:BucketV2): it has the canned ACL public-read",
        },
    ],
});
