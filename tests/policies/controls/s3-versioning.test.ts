import { patch, specControl, without } from "../../support/controls";
import { storage, throughS3V2 } from "../baselines/storage";

specControl("careplane-s3-versioning", {
    passes: [
        { it: "versioning on everywhere", fixtures: storage },
        { it: "versioning on everywhere, through the V2 resources", fixtures: throughS3V2(storage) },
    ],
    fails: [
        {
            it: "no versioning",
            fixtures: without(storage, "documents-versioning"),
            message: "documents (aws:s3/bucket:Bucket): versioning is not configured",
        },
        {
            it: "versioning suspended",
            fixtures: patch(storage, "documents-versioning", { versioningConfiguration: { status: "Suspended" } }),
            message: "versioning is Suspended",
        },
        {
            it: "no versioning, through the V2 resources",
            fixtures: throughS3V2(without(storage, "documents-versioning")),
            message: "documents (aws:s3/bucketV2:BucketV2): versioning is not configured",
        },
    ],
});
