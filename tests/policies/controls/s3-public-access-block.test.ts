import { patch, res, specControl, without } from "../../support/controls";
import { documentsBucket, storage } from "../baselines/storage";

specControl("careplane-s3-public-access-block", {
    passes: [{ it: "buckets with all four flags", fixtures: storage }],
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
    ],
});
