import { patch, specControl, without } from "../../support/controls";
import { storage } from "../baselines/storage";

specControl("careplane-s3-tls-only", {
    passes: [{ it: "every bucket denying non-TLS requests", fixtures: storage }],
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
    ],
});
