import { amend, aws, Fixture, patch, res, specControl, without } from "../support/controls";
import { tagsFor } from "../support/engine";

const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/backups";

/** A bucket with every companion resource careplane gives it. */
function bucketSet(name: string, logs: Fixture, opts: { env?: string; cls?: string; lock?: boolean } = {}): Fixture[] {
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

const logsBucket = aws(BUCKET, "logs", {}, {}, "prod", "confidential");
const logSet = bucketSet("logs", logsBucket, { cls: "confidential" }).map((f) => (f.name === "logs" ? logsBucket : f));
const documents = bucketSet("documents", logsBucket);
const documentsBucket = documents[0];
const replicaBucket = aws(BUCKET, "documents-replica", {}, {}, "prod");
const replication = res(
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    "documents-replication",
    {
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [{ id: "dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::documents-replica" } }],
    },
    { bucket: documentsBucket, rules: replicaBucket },
);
const replicaSet = bucketSet("documents-replica", logsBucket).map((f) => (f.name === "documents-replica" ? replicaBucket : f));
const storage = [...logSet, ...documents, replication, ...replicaSet];

specControl("careplane-s3-public-access-block", {
    passes: [{ it: "buckets with all four flags", fixtures: storage }],
    fails: [
        {
            it: "a bucket without a public access block",
            fixtures: without(storage, "documents-pab"),
            message: "documents (aws:s3/bucket:Bucket): it has no public access block",
        },
        {
            it: "a block with public policies allowed",
            fixtures: patch(storage, "documents-pab", { blockPublicPolicy: false }),
            message:
                "documents-pab (aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock): blockPublicPolicy not true for bucket documents",
        },
        {
            it: "a public-read ACL",
            fixtures: [...storage, res("aws:s3/bucketAcl:BucketAcl", "documents-acl", { acl: "public-read" }, { bucket: documentsBucket })],
            message: "it has the canned ACL public-read",
        },
    ],
});

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

const sseS3 = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] };
/** The same buckets, none delivering server access logs to the log bucket. */
const withoutServerAccessLogs = storage.filter((f) => f.type !== "aws:s3/bucketLogging:BucketLogging");

specControl("careplane-s3-kms-encryption", {
    passes: [
        { it: "SSE-KMS with a key everywhere", fixtures: storage },
        {
            it: "SSE-S3 on the bucket a load balancer logs to, the only encryption its log delivery accepts",
            fixtures: [
                ...patch(withoutServerAccessLogs, "logs-sse", sseS3),
                res(
                    "aws:lb/loadBalancer:LoadBalancer",
                    "alb",
                    { accessLogs: { bucket: "logs-id", enabled: true } },
                    { accessLogs: logsBucket },
                ),
            ],
        },
        {
            it: "SSE-S3 on the bucket other buckets' S3 server access logs go to, the only default encryption their delivery accepts",
            fixtures: patch(storage, "logs-sse", sseS3),
        },
        {
            it: "SSE-S3 on the bucket an Ingress's load balancer logs to (AWS Load Balancer Controller annotation)",
            fixtures: [
                ...patch(patch(withoutServerAccessLogs, "logs-sse", sseS3), "logs", { bucket: "caresync-prod-access-logs" }, BUCKET),
                res("kubernetes:networking.k8s.io/v1:Ingress", "web", {
                    metadata: {
                        annotations: {
                            "alb.ingress.kubernetes.io/load-balancer-attributes":
                                "deletion_protection.enabled=true,access_logs.s3.enabled=true,access_logs.s3.bucket=caresync-prod-access-logs,access_logs.s3.prefix=alb",
                        },
                    },
                }),
            ],
        },
    ],
    fails: [
        {
            it: "no default encryption",
            fixtures: without(storage, "documents-sse"),
            message: "documents (aws:s3/bucket:Bucket): it has no default encryption configuration",
        },
        {
            it: "SSE-S3 (AES256)",
            fixtures: patch(storage, "documents-sse", sseS3),
            message: "default encryption of bucket documents is not SSE-KMS with a customer-managed key",
        },
        {
            it: "SSE-S3 on a log bucket no S3 or load balancer log delivery writes to (its delivery accepts a key)",
            fixtures: patch(withoutServerAccessLogs, "logs-sse", sseS3),
            message: "default encryption of bucket logs is not SSE-KMS",
        },
    ],
});

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

// Object Lock on backup buckets.
function backupBucket(env: string, retention: Record<string, unknown>): Fixture[] {
    const set = bucketSet("backups", logsBucket, { env, lock: true });
    return [
        ...set,
        res(
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            "backups-lock",
            { rule: { defaultRetention: retention } },
            { bucket: set[0] },
        ),
    ];
}
const prodLock = backupBucket("prod", { mode: "COMPLIANCE", years: 7 });
/** The backup bucket with a lifecycle rule expiring current and noncurrent versions after `days`. */
function expiringAfter(fixtures: Fixture[], days: number, noncurrentDays = days): Fixture[] {
    return [
        ...fixtures,
        res(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "backups-lifecycle",
            { rules: [{ id: "expire", status: "Enabled", expiration: { days }, noncurrentVersionExpiration: { noncurrentDays } }] },
            { bucket: fixtures[0] },
        ),
    ];
}

specControl("careplane-s3-backup-object-lock", {
    passes: [
        { it: "7 years in COMPLIANCE mode in prod", fixtures: prodLock },
        { it: "30 days in GOVERNANCE mode in dev", fixtures: backupBucket("dev", { mode: "GOVERNANCE", days: 30 }), environment: "dev" },
        { it: "a documents bucket without a lock (not a backup bucket)", fixtures: documents },
        { it: "a lifecycle expiring backups after 7 years in prod", fixtures: expiringAfter(prodLock, 2557) },
    ],
    fails: [
        {
            it: "a lifecycle expiring backups after 1 year in prod",
            fixtures: expiringAfter(prodLock, 365, 2557),
            message:
                "backups-lifecycle (aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration): the lifecycle of backup bucket backups expires objects after 365 days; expected no expiration (current or noncurrent) sooner than 2557 days in prod",
        },
        {
            it: "a lifecycle expiring noncurrent backup versions after 30 days in prod",
            fixtures: expiringAfter(prodLock, 2557, 30),
            message: "the lifecycle of backup bucket backups expires objects after 30 days",
        },
        {
            it: "a backup bucket without Object Lock",
            fixtures: patch(prodLock, "backups", { objectLockEnabled: undefined }, BUCKET),
            message: "backups (aws:s3/bucket:Bucket): Object Lock is not enabled on this backup bucket",
        },
        { it: "no default retention", fixtures: without(prodLock, "backups-lock"), message: "it has no default Object Lock retention" },
        {
            it: "1 year in prod",
            fixtures: backupBucket("prod", { mode: "COMPLIANCE", years: 1 }),
            message: "backups of bucket backups are locked 365 days; expected a default retention of at least 2557 days in prod",
        },
        {
            it: "GOVERNANCE mode in prod",
            fixtures: backupBucket("prod", { mode: "GOVERNANCE", years: 7 }),
            message: 'bucket backups locks in "GOVERNANCE" mode',
        },
        {
            it: "30 days in test (90 required)",
            fixtures: backupBucket("test", { mode: "GOVERNANCE", days: 30 }),
            environment: "test",
            message: "at least 90 days in test",
        },
    ],
});

// AWS Backup.
const VAULT = "aws:backup/vault:Vault";
const vault = aws(VAULT, "vault", { kmsKeyArn: KEY });
const lock = res(
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    "vault-lock",
    { backupVaultName: "vault", changeableForDays: 3, minRetentionDays: 1, maxRetentionDays: 3650 },
    { backupVaultName: vault },
);

specControl("careplane-backup-vault-encrypted", {
    passes: [{ it: "a vault under the backups key", fixtures: [vault] }],
    fails: [
        {
            it: "a vault under the AWS-managed key",
            fixtures: patch([vault], "vault", { kmsKeyArn: undefined }),
            message: "vault (aws:backup/vault:Vault): recovery points are encrypted with the AWS-managed key",
        },
    ],
});

/** A vault named "vault", a lock with minimum `min`, and a plan keeping its points there 7 days and copying them in 3 (from elsewhere). */
function vaultStoredBy(min: number, copyDays?: number): Fixture[] {
    const named = aws(VAULT, "vault", { kmsKeyArn: KEY, name: "vault" });
    const rules: any[] = [{ ruleName: "hourly", targetVaultName: "vault", schedule: "cron(0 * * * ? *)", lifecycle: { deleteAfter: 7 } }];
    if (copyDays !== undefined)
        rules.push({
            ruleName: "daily",
            targetVaultName: "other",
            schedule: "cron(0 5 * * ? *)",
            lifecycle: { deleteAfter: 30 },
            copyActions: [
                { destinationVaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:vault", lifecycle: { deleteAfter: copyDays } },
            ],
        });
    return [
        named,
        res(
            "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
            "vault-lock",
            { backupVaultName: "vault", changeableForDays: 3, minRetentionDays: min, maxRetentionDays: 3650 },
            { backupVaultName: named },
        ),
        aws("aws:backup/plan:Plan", "plan", { rules }),
    ];
}

specControl("careplane-backup-vault-lock", {
    passes: [
        { it: "a compliance-mode lock in prod", fixtures: [vault, lock] },
        { it: "a minimum equal to the shortest retention the plan gives the vault's points", fixtures: vaultStoredBy(7) },
        { it: "a minimum equal to a shorter copy into the vault", fixtures: vaultStoredBy(3, 3) },
        { it: "no lock in dev", fixtures: [aws(VAULT, "vault", { kmsKeyArn: KEY }, {}, "dev")], environment: "dev" },
    ],
    fails: [
        { it: "no lock in prod", fixtures: [vault], message: "vault (aws:backup/vault:Vault): the vault is not locked" },
        {
            it: "a governance-mode lock",
            fixtures: [vault, ...patch([lock], "vault-lock", { changeableForDays: undefined })],
            message: "the lock of vault vault is in governance mode",
        },
        {
            it: "no minimum retention",
            fixtures: [vault, ...patch([lock], "vault-lock", { minRetentionDays: undefined })],
            message: "the lock of vault vault sets no minimum retention",
        },
        {
            it: "a minimum below the shortest retention the plan gives the vault's points",
            fixtures: vaultStoredBy(1),
            message:
                "the lock of vault vault accepts recovery points kept 1 days, fewer than the 7 the stack's rules keep there, so a plan change could shorten them; expected minRetentionDays of at least 7",
        },
        {
            it: "a minimum below a copy's retention in the vault",
            fixtures: vaultStoredBy(3, 5),
            message: "accepts recovery points kept 3 days, fewer than the 5 the stack's rules keep there",
        },
        {
            it: "a maximum below 7 years",
            fixtures: [vault, ...patch([lock], "vault-lock", { maxRetentionDays: 365 })],
            message: "caps retention at 365 days",
        },
    ],
});

const PLAN = "aws:backup/plan:Plan";
const prodRules = [
    { ruleName: "hourly", targetVaultName: "vault", schedule: "cron(0 * * * ? *)", lifecycle: { deleteAfter: 7 } },
    { ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 30 } },
    { ruleName: "monthly", targetVaultName: "vault", schedule: "cron(0 5 1 * ? *)", lifecycle: { deleteAfter: 365 } },
    { ruleName: "yearly", targetVaultName: "vault", schedule: "cron(0 5 1 1 ? *)", lifecycle: { coldStorageAfter: 90, deleteAfter: 2557 } },
];
const plan = aws(PLAN, "plan", { rules: prodRules });
const devPlan = aws(
    PLAN,
    "plan",
    { rules: [{ ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 30 } }] },
    {},
    "dev",
);

specControl("careplane-backup-plan-frequency", {
    passes: [
        { it: "an hourly rule in prod", fixtures: [plan] },
        {
            it: "continuous backup in prod",
            fixtures: patch([plan], "plan", { rules: [{ ...prodRules[1], enableContinuousBackup: true }, prodRules[3]] }),
        },
        { it: "a daily rule in dev", fixtures: [devPlan], environment: "dev" },
    ],
    fails: [
        {
            it: "daily only in prod",
            fixtures: patch([plan], "plan", { rules: prodRules.slice(1) }),
            message:
                "plan (aws:backup/plan:Plan): its most frequent rule runs every 24 hours; expected a rule at least every 1 hour(s) (RPO 1 h in prod)",
        },
        {
            it: "every 4 hours in prod",
            fixtures: patch([plan], "plan", { rules: [{ ...prodRules[0], schedule: "cron(0 */4 * * ? *)" }, prodRules[3]] }),
            message: "runs every 4 hours",
        },
        {
            it: "weekly in dev",
            fixtures: patch([devPlan], "plan", {
                rules: [{ ruleName: "weekly", schedule: "cron(0 5 ? * SUN *)", lifecycle: { deleteAfter: 35 } }],
            }),
            environment: "dev",
            message: "runs every 168 hours",
        },
    ],
});

specControl("careplane-backup-plan-retention", {
    passes: [
        { it: "a yearly rule kept 7 years in prod", fixtures: [plan] },
        {
            it: "a copy kept 7 years counts",
            fixtures: patch([plan], "plan", {
                rules: [{ ...prodRules[0], copyActions: [{ destinationVaultArn: "arn:dr", lifecycle: { deleteAfter: 2557 } }] }],
            }),
        },
        { it: "30 days in dev", fixtures: [devPlan], environment: "dev" },
    ],
    fails: [
        {
            it: "a copy kept shorter than its rule",
            fixtures: patch([plan], "plan", {
                rules: [
                    ...prodRules.slice(0, 3),
                    { ...prodRules[3], copyActions: [{ destinationVaultArn: "arn:dr", lifecycle: { deleteAfter: 365 } }] },
                ],
            }),
            message:
                "rule yearly's copy to arn:dr is deleted after 365 days, before the 2557-day originals; expected each copy kept at least as long as its rule",
        },
        {
            it: "1 year at most in prod",
            fixtures: patch([plan], "plan", { rules: prodRules.slice(0, 3) }),
            message:
                "its longest-kept recovery points are deleted after 365 days; expected a rule (or copy) kept at least 2557 days in prod",
        },
        {
            it: "14 days in dev",
            fixtures: patch([devPlan], "plan", {
                rules: [{ ruleName: "daily", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 14 } }],
            }),
            environment: "dev",
            message: "at least 30 days in dev",
        },
    ],
});

const RDS = "aws:rds/instance:Instance";
const db = aws(RDS, "db", {
    engine: "postgres",
    tags: { Environment: "prod", DataClassification: "phi", Owner: "platform-team", Backup: "true" },
});
const byTag = res("aws:backup/selection:Selection", "phi", {
    planId: "plan-id",
    iamRoleArn: "arn:role",
    selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "true" }],
});
specControl("careplane-backup-phi-stores-selected", {
    passes: [
        {
            it: "a database picked by tag (its replica exempt)",
            fixtures: [db, byTag, aws(RDS, "db-replica", { replicateSourceDb: "db-id" })],
        },
        {
            it: "a database picked by ARN",
            fixtures: [db, res("aws:backup/selection:Selection", "arns", { resources: ["arn:db"] }, { resources: db })],
        },
        {
            it: "a database picked by a condition",
            fixtures: [
                db,
                res("aws:backup/selection:Selection", "cond", {
                    resources: ["*"],
                    conditions: [{ stringEquals: [{ key: "aws:ResourceTag/Backup", value: "true" }] }],
                }),
            ],
        },
    ],
    fails: [
        {
            it: "a database no selection picks",
            fixtures: [db],
            message: "db (aws:rds/instance:Instance): no AWS Backup selection picks it",
        },
        {
            it: "a database without the selected tag",
            fixtures: [aws(RDS, "db", { engine: "postgres" }), byTag],
            message: "no AWS Backup selection picks it",
        },
        {
            it: "an EFS file system no selection picks",
            fixtures: [db, byTag, aws("aws:efs/fileSystem:FileSystem", "files", { encrypted: true })],
            message: "files (aws:efs/fileSystem:FileSystem): no AWS Backup selection picks it",
        },
    ],
});

// AWS Backup's continuous rule owns a selected instance's automated backups: the instance must agree with it.
const pitrPlan = aws(PLAN, "pitr-plan", {
    rules: [
        { ruleName: "hourly", schedule: "cron(0 * * * ? *)", enableContinuousBackup: true, lifecycle: { deleteAfter: 35 } },
        { ruleName: "daily", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 30 } },
    ],
});
const snapshotPlan = aws(PLAN, "snapshot-plan", {
    rules: [{ ruleName: "daily", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 } }],
});
const pitrSelection = (p: Fixture) =>
    res("aws:backup/selection:Selection", "phi", { planId: "plan-id", selectionTags: byTag.inputs.selectionTags }, { planId: p });
const pitrDb = (days: number | undefined) => aws(RDS, "db", { ...db.inputs, backupRetentionPeriod: days });
specControl("careplane-rds-backup-single-owner", {
    passes: [
        {
            it: "an instance keeping automated backups as long as the continuous rule",
            fixtures: [pitrDb(35), pitrPlan, pitrSelection(pitrPlan)],
        },
        {
            it: "an instance picked by a snapshot-only plan, RDS keeping its own backups",
            fixtures: [pitrDb(7), snapshotPlan, pitrSelection(snapshotPlan)],
        },
        {
            it: "an instance that leaves its retention to AWS Backup",
            fixtures: [
                {
                    ...pitrDb(7),
                    options: {
                        retainOnDelete: false,
                        deleteBeforeReplace: false,
                        ignoreChanges: ["backupRetentionPeriod"],
                        additionalSecretOutputs: [],
                    },
                },
                pitrPlan,
                pitrSelection(pitrPlan),
            ],
        },
        {
            it: "a replica (RDS keeps no backups of it)",
            fixtures: [
                aws(RDS, "replica", { ...db.inputs, replicateSourceDb: "db-id", backupRetentionPeriod: 0 }),
                pitrPlan,
                pitrSelection(pitrPlan),
            ],
        },
    ],
    fails: [
        {
            it: "35 days of automated backups against a 7-day continuous rule",
            fixtures: [
                pitrDb(35),
                patch([pitrPlan], "pitr-plan", { rules: [{ ...pitrPlan.inputs.rules[0], lifecycle: { deleteAfter: 7 } }] })[0],
                pitrSelection(pitrPlan),
            ],
            message:
                "db (aws:rds/instance:Instance): it keeps automated backups 35 days while AWS Backup's continuous rule keeps them 7 days; expected backupRetentionPeriod equal to the one continuous rule's lifecycle.deleteAfter",
        },
        {
            it: "an instance that does not say, under a continuous rule",
            fixtures: [pitrDb(undefined), pitrPlan, pitrSelection(pitrPlan)],
            message: "it keeps automated backups an unset number of days",
        },
        {
            it: "two continuous rules of different lengths",
            fixtures: [
                pitrDb(35),
                pitrPlan,
                pitrSelection(pitrPlan),
                aws(PLAN, "other-plan", { rules: [{ ruleName: "pitr", enableContinuousBackup: true, lifecycle: { deleteAfter: 14 } }] }),
                res(
                    "aws:backup/selection:Selection",
                    "other",
                    { selectionTags: byTag.inputs.selectionTags },
                    { planId: aws(PLAN, "other-plan") },
                ),
            ],
            message: "continuous rules of 35 and 14 days both claim its automated backups",
        },
    ],
});

// AWS Backup has no ElastiCache support: a selection that picks a cache protects nothing.
const REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
const untaggedCache = aws(REDIS, "cache", { engine: "redis", snapshotRetentionLimit: 15 });
const taggedCache = aws(REDIS, "cache", {
    engine: "redis",
    snapshotRetentionLimit: 15,
    tags: { ...tagsFor("prod"), Backup: "true" },
});
specControl("careplane-backup-selection-supported", {
    passes: [
        { it: "a cache no selection picks, beside a database the tag selection picks", fixtures: [db, byTag, untaggedCache] },
        { it: "a tagged cache with no backup selection in the stack", fixtures: [taggedCache] },
    ],
    fails: [
        {
            it: "a cache the tag selection picks",
            fixtures: [db, byTag, taggedCache],
            message:
                "cache (aws:elasticache/replicationGroup:ReplicationGroup): an AWS Backup selection picks it, but AWS Backup does not back up ElastiCache",
        },
        {
            it: "a cache named by ARN in a selection",
            fixtures: [
                untaggedCache,
                res("aws:backup/selection:Selection", "arns", { resources: ["arn:cache"] }, { resources: untaggedCache }),
            ],
            message: "an AWS Backup selection picks it",
        },
    ],
});

// Data-loss guards.
const KMS_KEY = aws("aws:kms/key:Key", "data-key", { enableKeyRotation: true, deletionWindowInDays: 30 });
const secret = aws("aws:secretsmanager/secret:Secret", "db-secret", { kmsKeyId: KEY, recoveryWindowInDays: 30 });
const guarded = [
    aws(RDS, "db", { deletionProtection: true, finalSnapshotIdentifier: "db-final" }),
    aws(RDS, "db-replica", { deletionProtection: true, replicateSourceDb: "db-id" }),
    aws("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { finalSnapshotIdentifier: "cache-final" }),
    aws(BUCKET, "documents", { forceDestroy: false }),
    aws(VAULT, "vault", { kmsKeyArn: KEY }),
    KMS_KEY,
    secret,
];

specControl("careplane-stateful-protect", {
    passes: [
        { it: "every stateful resource protected in prod", fixtures: guarded },
        { it: "nothing protected in dev", fixtures: [aws(RDS, "db", {}, {}, "dev")], environment: "dev" },
    ],
    fails: [
        {
            it: "an unprotected prod database",
            fixtures: amend(guarded, "db", { protect: false }),
            message: "db (aws:rds/instance:Instance): it is not protected in Pulumi",
        },
        {
            it: "an unprotected prod bucket",
            fixtures: amend(guarded, "documents", { protect: false }),
            message: "documents (aws:s3/bucket:Bucket): it is not protected",
        },
        {
            it: "an unprotected prod key",
            fixtures: amend(guarded, "data-key", { protect: false }),
            message: "data-key (aws:kms/key:Key): it is not protected",
        },
        {
            it: "a resource without an Environment tag, held to prod's floor",
            fixtures: [res("aws:secretsmanager/secret:Secret", "untagged", {})],
            message: "untagged (aws:secretsmanager/secret:Secret): it is not protected",
        },
    ],
});

specControl("careplane-stateful-deletion-protection", {
    passes: [
        { it: "every prod guard in place", fixtures: guarded },
        {
            it: "no guards in dev",
            fixtures: [aws(RDS, "db", { deletionProtection: false, skipFinalSnapshot: true }, {}, "dev")],
            environment: "dev",
        },
        {
            it: "a dev secret deleted at once (its name free for the next stack)",
            fixtures: [aws("aws:secretsmanager/secret:Secret", "db-secret", { kmsKeyId: KEY, recoveryWindowInDays: 0 }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "RDS deletion protection off",
            fixtures: patch(guarded, "db", { deletionProtection: false }),
            message: "db (aws:rds/instance:Instance): deletion protection is off; expected deletionProtection: true",
        },
        {
            it: "RDS without a final snapshot",
            fixtures: patch(guarded, "db", { skipFinalSnapshot: true }),
            message: "it would be deleted without a final snapshot",
        },
        {
            it: "a replica without deletion protection",
            fixtures: patch(guarded, "db-replica", { deletionProtection: undefined }),
            message: "db-replica (aws:rds/instance:Instance): deletion protection is off",
        },
        {
            it: "a cache without a final snapshot",
            fixtures: patch(guarded, "cache", { finalSnapshotIdentifier: undefined }),
            message: "cache (aws:elasticache/replicationGroup:ReplicationGroup): it would be deleted without a final snapshot",
        },
        {
            it: "a force-destroy bucket",
            fixtures: patch(guarded, "documents", { forceDestroy: true }),
            message: "documents (aws:s3/bucket:Bucket): forceDestroy lets Pulumi delete it",
        },
        {
            it: "a force-destroy vault",
            fixtures: patch(guarded, "vault", { forceDestroy: true }),
            message: "vault (aws:backup/vault:Vault): forceDestroy",
        },
        {
            it: "a 7-day key deletion window",
            fixtures: patch(guarded, "data-key", { deletionWindowInDays: 7 }),
            message: "its deletion window is 7 days; expected deletionWindowInDays: 30",
        },
        {
            it: "a secret deleted without recovery",
            fixtures: patch(guarded, "db-secret", { recoveryWindowInDays: 0 }),
            message: "its recovery window is 0 days; expected recoveryWindowInDays of 30",
        },
        {
            it: "a secret with the shortest window AWS offers",
            fixtures: patch(guarded, "db-secret", { recoveryWindowInDays: 7 }),
            message: "db-secret (aws:secretsmanager/secret:Secret): its recovery window is 7 days",
        },
    ],
});
