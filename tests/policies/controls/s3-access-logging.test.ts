import { specControl, without } from "../../support/controls";
import { storage, throughS3V2 } from "../baselines/storage";

specControl("careplane-s3-access-logging", {
    passes: [
        { it: "every bucket logging into the log bucket (which is exempt)", fixtures: storage },
        { it: "every bucket logging into the log bucket, through the V2 resources", fixtures: throughS3V2(storage) },
    ],
    fails: [
        {
            it: "a bucket without access logs",
            fixtures: without(storage, "documents-logging"),
            message: "documents (aws:s3/bucket:Bucket): server access logging is off",
        },
        {
            it: "a bucket without access logs, through the V2 resources",
            fixtures: throughS3V2(without(storage, "documents-logging")),
            message: "documents (aws:s3/bucketV2:BucketV2): server access logging is off",
        },
    ],
});
