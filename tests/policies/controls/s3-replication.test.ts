import { aws, Fixture, patch, res, specControl, without } from "../../support/controls";
import { tagsFor } from "../../support/engine";
import { BUCKET, bucketSet, logsBucket, storage } from "../baselines/storage";

const unreplicated = without(storage, "documents-replication").filter((f) => !f.name.startsWith("documents-replica"));
const taggedDocuments = patch(unreplicated, "documents", { tags: { ...tagsFor("prod"), Backup: "true" } }, BUCKET);
const backupPlan = (copy: boolean) =>
    aws("aws:backup/plan:Plan", "plan", {
        rules: [
            {
                ruleName: "hourly",
                schedule: "cron(0 * * * ? *)",
                copyActions: copy ? [{ destinationVaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:dr" }] : [],
            },
        ],
    });
const selectionOf = (plan: Fixture) =>
    res(
        "aws:backup/selection:Selection",
        "tagged",
        { resources: ["*"], conditions: [{ stringEquals: [{ key: "aws:ResourceTag/Backup", value: "true" }] }] },
        { planId: plan },
    );
specControl("careplane-s3-replication", {
    passes: [
        { it: "the PHI bucket replicating in prod (replica and log bucket exempt)", fixtures: storage },
        {
            it: "a PHI bucket whose AWS Backup plan copies it to the DR vault",
            fixtures: [...taggedDocuments, backupPlan(true), selectionOf(backupPlan(true))],
        },
        { it: "no replication in dev", fixtures: bucketSet("documents", logsBucket, { env: "dev" }), environment: "dev" },
    ],
    fails: [
        {
            it: "a PHI bucket without replication in prod",
            fixtures: without(storage, "documents-replication").filter((f) => !f.name.startsWith("documents-replica")),
            message: "documents (aws:s3/bucket:Bucket): it does not replicate to the DR region",
        },
        {
            it: "replication rules all disabled",
            fixtures: patch(storage, "documents-replication", {
                rules: [{ id: "dr", status: "Disabled", destination: { bucket: "arn:aws:s3:::documents-replica" } }],
            }),
            message: "its replication rules are all disabled",
        },
    ],
});
