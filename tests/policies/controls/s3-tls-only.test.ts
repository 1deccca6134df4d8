import { patch, specControl, without } from "../../support/controls";
import { storage, throughS3V2 } from "../baselines/storage";

specControl("careplane-s3-tls-only", {
    passes: [
        { it: "every bucket denying non-TLS requests", fixtures: storage },
        { it: "every bucket denying non-TLS requests, through the V2 resources", fixtures: throughS3V2(storage) },
    ],
    fails: [
        {
            it: "a bucket without a policy",
            fixtures: without(storage, "documents-policy"),
            message: "documents (aws:s3/bucket:Bucket): it has no bucket policy",
        },
        {
            it: "a policy that denies only on objects",
            fixtures: patch(storage, "documents-policy", {
                policy: JSON.stringify({
                    Statement: [
                        {
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: "arn:aws:s3:::documents/*",
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            }),
            message: "its bucket policy does not deny requests without TLS",
        },
        {
            it: "a bucket without a policy, through the V2 resources",
            fixtures: throughS3V2(without(storage, "documents-policy")),
            message: "documents (aws:s3/bucketV2:BucketV2): it has no bucket policy",
        },
    ],
});
