import { aws, Fixture, res, retyped } from "../../support/controls";

export const BUCKET = "aws:s3/bucket:Bucket";
export const KEY = "arn:aws:kms:us-east-1:123456789012:key/backups";
/** A bucket with every companion resource careplane gives it. */
export function bucketSet(name: string, logs: Fixture, opts: { env?: string; cls?: string; lock?: boolean } = {}): Fixture[] {
    const env = opts.env ?? "prod";
    const bucket = aws(BUCKET, name, opts.lock ? { objectLockEnabled: true } : {}, {}, env, opts.cls ?? "phi");
    const on = { bucket };
    const out = [
        bucket,
        res(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            `${name}-pab`,
            { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            on,
        ),
        res(
            "aws:s3/bucketPolicy:BucketPolicy",
            `${name}-policy`,
            {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "DenyInsecureTransport",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            },
            on,
        ),
        res(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            `${name}-sse`,
            {
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true }],
            },
            on,
        ),
        res("aws:s3/bucketVersioning:BucketVersioning", `${name}-versioning`, { versioningConfiguration: { status: "Enabled" } }, on),
    ];
    if (name !== logs.name)
        out.push(
            res(
                "aws:s3/bucketLogging:BucketLogging",
                `${name}-logging`,
                { targetBucket: "logs-id", targetPrefix: `${name}/` },
                { bucket, targetBucket: logs },
            ),
        );
    return out;
}
export const logsBucket = aws(BUCKET, "logs", {}, {}, "prod", "confidential");
export const logSet = bucketSet("logs", logsBucket, { cls: "confidential" }).map((f) => (f.name === "logs" ? logsBucket : f));
export const documents = bucketSet("documents", logsBucket);
export const documentsBucket = documents[0];
export const replicaBucket = aws(BUCKET, "documents-replica", {}, {}, "prod");
export const replication = res(
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    "documents-replication",
    {
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [{ id: "dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::documents-replica" } }],
    },
    { bucket: documentsBucket, rules: replicaBucket },
);
export const replicaSet = bucketSet("documents-replica", logsBucket).map((f) => (f.name === "documents-replica" ? replicaBucket : f));
export const storage = [...logSet, ...documents, replication, ...replicaSet];
/** The same buckets declared with the deprecated V2 resources (BucketV2 and its V2 configurations). */
export const throughS3V2 = (fixtures: Fixture[]): Fixture[] =>
    retyped(
        fixtures,
        Object.fromEntries(
            [
                "Bucket",
                "BucketVersioning",
                "BucketServerSideEncryptionConfiguration",
                "BucketLogging",
                "BucketAcl",
                "BucketObjectLockConfiguration",
                "BucketLifecycleConfiguration",
            ].map((t) => {
                const token = t[0].toLowerCase() + t.slice(1);
                return [`aws:s3/${token}:${t}`, `aws:s3/${token}V2:${t}V2`];
            }),
        ),
    );
// AWS Backup.
export const VAULT = "aws:backup/vault:Vault";
export const vault = aws(VAULT, "vault", { kmsKeyArn: KEY });
export const PLAN = "aws:backup/plan:Plan";
export const prodRules = [
    { ruleName: "hourly", targetVaultName: "vault", schedule: "cron(0 * * * ? *)", lifecycle: { deleteAfter: 7 } },
    { ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 30 } },
    { ruleName: "monthly", targetVaultName: "vault", schedule: "cron(0 5 1 * ? *)", lifecycle: { deleteAfter: 365 } },
    { ruleName: "yearly", targetVaultName: "vault", schedule: "cron(0 5 1 1 ? *)", lifecycle: { coldStorageAfter: 90, deleteAfter: 2557 } },
];
export const plan = aws(PLAN, "plan", { rules: prodRules });
export const devPlan = aws(
    PLAN,
    "plan",
    { rules: [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 30 } }] },
    {},
    "dev",
);
export const RDS = "aws:rds/instance:Instance";
export const db = aws(RDS, "db", {
    engine: "postgres",
    tags: { Environment: "prod", DataClassification: "phi", Owner: "platform-team", Backup: "true" },
});
export const byTag = res("aws:backup/selection:Selection", "phi", {
    planId: "plan-id",
    iamRoleArn: "arn:role",
    selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "true" }],
});
// Data-loss guards.
export const KMS_KEY = aws("aws:kms/key:Key", "data-key", { enableKeyRotation: true, deletionWindowInDays: 30 });
export const secret = aws("aws:secretsmanager/secret:Secret", "db-secret", { kmsKeyId: KEY, recoveryWindowInDays: 30 });
export const guarded = [
    aws(RDS, "db", { deletionProtection: true, finalSnapshotIdentifier: "db-final" }),
    aws(RDS, "db-replica", { deletionProtection: true, replicateSourceDb: "db-id" }),
    aws("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { finalSnapshotIdentifier: "cache-final" }),
    aws(BUCKET, "documents", { forceDestroy: false }),
    aws(VAULT, "vault", { kmsKeyArn: KEY }),
    KMS_KEY,
    secret,
    aws("aws:rds/cluster:Cluster", "aurora", { deletionProtection: true, finalSnapshotIdentifier: "aurora-final" }),
    aws("aws:s3/bucketV2:BucketV2", "archive", { forceDestroy: false }),
    aws("aws:dynamodb/table:Table", "sessions", { deletionProtectionEnabled: true }),
    aws("aws:efs/fileSystem:FileSystem", "shared", { encrypted: true }),
];
