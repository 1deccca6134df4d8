// PHI buckets: in a backup plan, under CloudTrail's data events (DR copies and restore-test
// targets included), and never expired before the environment's retention.
import { aws, Fixture, patch, res, specControl, without } from "../support/controls";

const BUCKET = "aws:s3/bucket:Bucket";
const SELECTION = "aws:backup/selection:Selection";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const TRAIL = "aws:cloudtrail/trail:Trail";
const SEVEN_YEARS = 2557;

const bucket = (name: string, inputs: object = {}, env = "prod", cls = "phi") =>
    aws(BUCKET, name, { bucket: `caresync-${env}-${name}`, ...inputs }, {}, env, cls);

/** Documents (AWS Backup by tag), backups (Object Lock, replicated) and its DR replica, as the stacks build them. */
function stores(env = "prod", days = SEVEN_YEARS): Fixture[] {
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

const lifecycle = (b: string, rules: object[]) =>
    res(LIFECYCLE, `${b}-lifecycle`, { rules }, { bucket: stores().find((f) => f.name === b)! });
const keep = (days: number) => ({
    id: "tier-down-and-expire",
    status: "Enabled",
    expiration: { days },
    noncurrentVersionExpiration: { noncurrentDays: days },
});

specControl("careplane-s3-phi-lifecycle-retention", {
    passes: [
        {
            it: "PHI kept 7 years in prod, documents never expired",
            fixtures: [
                ...stores(),
                lifecycle("backups", [keep(SEVEN_YEARS)]),
                lifecycle("documents", [
                    { id: "versions", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: SEVEN_YEARS } },
                ]),
            ],
        },
        { it: "30 days in dev", environment: "dev", fixtures: [...stores("dev", 30), lifecycle("backups", [keep(30)])] },
        {
            it: "a disabled short rule, and a short rule on a bucket holding no PHI",
            fixtures: [
                ...stores(),
                lifecycle("backups", [{ ...keep(7), status: "Disabled" }]),
                bucket("assets", {}, "prod", "internal"),
                res(LIFECYCLE, "assets-lifecycle", { rules: [keep(7)] }, { bucket: bucket("assets", {}, "prod", "internal") }),
            ],
        },
    ],
    fails: [
        {
            it: "backups expired after a year in prod",
            fixtures: [...stores(), lifecycle("backups", [{ id: "short", status: "Enabled", expiration: { days: 365 } }])],
            message: `rule short deletes objects of PHI bucket backups after 365 days; expected no expiry before ${SEVEN_YEARS} days`,
        },
        {
            it: "a prod stack's bucket retagged Environment: dev, keeping prod's 7-year floor",
            fixtures: [
                ...patch(stores(), "backups", { tags: { DataClassification: "phi", Environment: "dev", Owner: "platform-team" } }, BUCKET),
                lifecycle("backups", [{ id: "dev-length", status: "Enabled", expiration: { days: 30 } }]),
            ],
            message: "after 30 days",
        },
        {
            it: "deleted documents' versions purged after 30 days",
            fixtures: [
                ...stores(),
                lifecycle("documents", [{ id: "versions", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 30 } }]),
            ],
            message: "rule versions deletes noncurrent versions of PHI bucket documents after 30 days",
        },
        {
            it: "an expiry on a fixed date",
            fixtures: [
                ...stores(),
                lifecycle("documents", [{ id: "purge", status: "Enabled", expiration: { date: "2027-01-01T00:00:00Z" } }]),
            ],
            message: "deletes objects of PHI bucket documents on 2027-01-01",
        },
        {
            it: "the DR replica expired early",
            fixtures: [...stores(), lifecycle("backups-dr", [{ id: "dr-short", status: "Enabled", expiration: { days: 90 } }])],
            message: "rule dr-short deletes objects of PHI bucket backups-dr after 90 days",
        },
        {
            it: "an inline lifecycle rule on the bucket",
            fixtures: patch(stores(), "documents", { lifecycleRules: [{ id: "inline", enabled: true, expiration: { days: 10 } }] }, BUCKET),
            message: "rule inline deletes objects of PHI bucket documents after 10 days",
        },
    ],
});

/** Only the documents bucket and its selection: one PHI bucket, one finding. */
const documentsOnly = () => stores().filter((f) => f.name === "documents" || f.name === "tagged");
const arnOf = (name: string) => `arn:aws:s3:::caresync-prod-${name}/`;
const trail = (inputs: object) =>
    aws(TRAIL, "audit-trail", { name: "trail", isMultiRegionTrail: true, ...inputs }, {}, "prod", "confidential");
const basic = (values: string[], readWriteType = "All") => ({
    eventSelectors: [{ readWriteType, includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values }] }],
});
const everyStore = basic(["documents", "backups", "backups-dr"].map(arnOf));
const advanced = (...fieldSelectors: object[]) => ({
    advancedEventSelectors: [
        {
            name: "phi",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                ...fieldSelectors,
            ],
        },
    ],
});
const restoreTest = (overrides?: object) =>
    res("aws:backup/restoreTestingSelection:RestoreTestingSelection", "backup-s3", {
        protectedResourceType: "S3",
        protectedResourceArns: ["*"],
        restoreTestingPlanName: "weekly",
        ...(overrides ? { restoreMetadataOverrides: overrides } : {}),
    });

specControl("careplane-cloudtrail-phi-data-events", {
    passes: [
        { it: "a trail naming every PHI bucket, the DR copy included", fixtures: [...stores(), trail(everyStore)] },
        {
            it: "a trail logging every bucket, with an S3 restore test",
            fixtures: [...stores(), trail(basic(["arn:aws:s3"])), restoreTest()],
        },
        {
            it: "advanced selectors on the stack's bucket prefix",
            fixtures: [...stores(), trail(advanced({ field: "resources.ARN", startsWiths: ["arn:aws:s3:::caresync-prod-"] }))],
        },
        {
            it: "an S3 restore test, with an advanced selector on the buckets restore tests create",
            fixtures: [
                ...stores(),
                trail(
                    advanced({
                        field: "resources.ARN",
                        startsWiths: [...["documents", "backups", "backups-dr"].map(arnOf), "arn:aws:s3:::awsbackup-restore-test-"],
                    }),
                ),
                restoreTest(),
            ],
        },
    ],
    fails: [
        {
            it: "a trail missing the DR copy",
            fixtures: [...stores(), trail(basic(["documents", "backups"].map(arnOf)))],
            message: "backups-dr (aws:s3/bucket:Bucket): no trail records its object reads and writes (data events)",
        },
        {
            it: "a trail recording writes only",
            fixtures: [...documentsOnly(), trail(basic([arnOf("documents")], "WriteOnly"))],
            message: "documents (aws:s3/bucket:Bucket): no trail records",
        },
        {
            it: "a trail switched off",
            fixtures: [...documentsOnly(), trail({ ...everyStore, enableLogging: false })],
            message: "documents (aws:s3/bucket:Bucket): no trail records",
        },
        {
            it: "advanced selectors limited to reads",
            fixtures: [...documentsOnly(), trail(advanced({ field: "readOnly", equals: ["true"] }))],
            message: "documents (aws:s3/bucket:Bucket): no trail records",
        },
        {
            it: "a prefix selector that excludes a bucket",
            fixtures: [
                ...documentsOnly(),
                trail(
                    advanced({
                        field: "resources.ARN",
                        startsWiths: ["arn:aws:s3:::caresync-prod-"],
                        notStartsWiths: [arnOf("documents")],
                    }),
                ),
            ],
            message: "documents (aws:s3/bucket:Bucket): no trail records",
        },
        {
            it: "an S3 restore test whose copies no trail records",
            fixtures: [...stores(), trail(everyStore), restoreTest()],
            message:
                "backup-s3 (aws:backup/restoreTestingSelection:RestoreTestingSelection): its S3 restores create PHI copies in awsbackup-restore-test-* buckets, outside every trail's data events",
        },
        {
            it: "an S3 restore test whose overrides name a destination (restore tests cannot override it: AWS names the bucket)",
            fixtures: [
                ...stores(),
                trail(basic([...["documents", "backups", "backups-dr", "restore-tests"].map(arnOf)])),
                restoreTest({ DestinationBucketName: "caresync-prod-restore-tests" }),
            ],
            message: "backup-s3 (aws:backup/restoreTestingSelection:RestoreTestingSelection): its S3 restores create PHI copies",
        },
        { it: "no trail at all", fixtures: documentsOnly(), message: "documents (aws:s3/bucket:Bucket): no trail records" },
    ],
});
