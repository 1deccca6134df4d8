import { patch, specControl, without } from "../../support/controls";
import { storage } from "../baselines/storage";

specControl("careplane-s3-versioning", {
    passes: [{ it: "versioning on everywhere", fixtures: storage }],
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
    ],
});
