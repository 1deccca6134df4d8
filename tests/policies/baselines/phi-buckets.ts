import { aws, Fixture, res } from "../../support/controls";

// PHI buckets: in a backup plan, under CloudTrail's data events (DR copies and restore-test
// targets included), and never expired before the environment's retention.

export const BUCKET = "aws:s3/bucket:Bucket";
export const SELECTION = "aws:backup/selection:Selection";
export const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
export const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
export const SEVEN_YEARS = 2557;
export const bucket = (name: string, inputs: object = {}, env = "prod", cls = "phi") =>
    aws(BUCKET, name, { bucket: `caresync-${env}-${name}`, ...inputs }, {}, env, cls);
/** Documents (AWS Backup by tag), backups (Object Lock, replicated) and its DR replica, as the stacks build them. */
export function stores(env = "prod", days = SEVEN_YEARS): Fixture[] {
    const documents = bucket(
        "documents",
        { tags: { Backup: "true", DataClassification: "phi", Environment: env, Owner: "platform-team" } },
        env,
    );
    const backups = bucket("backups", { objectLockEnabled: true }, env);
    const replica = bucket("backups-dr", { objectLockEnabled: true }, env, "internal");
    const lock = (b: Fixture) => res(LOCK, `${b.name}-lock`, { rule: { defaultRetention: { mode: "COMPLIANCE", days } } }, { bucket: b });
    return [
        documents,
        backups,
        replica,
        res(SELECTION, "tagged", {
            planId: "plan",
            resources: ["*"],
            selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "true" }],
        }),
        lock(backups),
        lock(replica),
        res(
            REPLICATION,
            "backups-dr",
            { rules: [{ id: "dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::caresync-prod-backups-dr" } }] },
            { bucket: backups, rules: replica },
        ),
    ];
}
