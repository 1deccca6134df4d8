import { specControl, without } from "../../support/controls";
import { storage } from "../baselines/storage";

specControl("careplane-s3-access-logging", {
    passes: [{ it: "every bucket logging into the log bucket (which is exempt)", fixtures: storage }],
    fails: [
        {
            it: "a bucket without access logs",
            fixtures: without(storage, "documents-logging"),
            message: "documents (aws:s3/bucket:Bucket): server access logging is off",
        },
    ],
});
