import { patch, specControl, without } from "../../support/controls";
import { bucket, BUCKET, REPLICATION, SEVEN_YEARS, stores } from "../baselines/phi-buckets";

specControl("careplane-s3-phi-backed-up", {
    passes: [
        { it: "documents picked by AWS Backup, backups locked and replicated, the replica locked", fixtures: stores() },
        {
            it: "a dev backup bucket locked for dev's retention, not replicated (no DR outside prod)",
            environment: "dev",
            fixtures: without(without(stores("dev", 30), "backups-dr"), "backups-dr-lock"),
        },
        { it: "a bucket classified internal holding no backups", fixtures: [bucket("assets", {}, "prod", "internal")] },
    ],
    fails: [
        {
            it: "PHI documents no selection picks",
            fixtures: without(stores(), "tagged"),
            message: "documents (aws:s3/bucket:Bucket): no AWS Backup selection picks it",
        },
        {
            it: "a PHI bucket without the Backup tag",
            fixtures: patch(
                stores(),
                "documents",
                { tags: { DataClassification: "phi", Environment: "prod", Owner: "platform-team" } },
                BUCKET,
            ),
            message: "documents (aws:s3/bucket:Bucket): no AWS Backup selection",
        },
        {
            it: "a prod backup bucket whose replication is switched off",
            fixtures: patch(stores(), "backups-dr", { rules: [{ id: "dr", status: "Disabled" }] }, REPLICATION),
            message:
                "backups (aws:s3/bucket:Bucket): no AWS Backup selection picks it, and it is not an immutable copy (locked, but not replicated to the DR region)",
        },
        {
            it: "a backup bucket locked for less than the retention",
            fixtures: patch(stores(), "backups-lock", { rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } } }),
            message: `backups (aws:s3/bucket:Bucket): no AWS Backup selection picks it, and it is not an immutable copy (no Object Lock retaining versions ${SEVEN_YEARS} days)`,
        },
        {
            it: "the DR replica (PHI whatever its tags) without Object Lock",
            fixtures: without(patch(stores(), "backups-dr", { objectLockEnabled: false }, BUCKET), "backups-dr-lock"),
            message: "backups-dr (aws:s3/bucket:Bucket)",
        },
    ],
});
