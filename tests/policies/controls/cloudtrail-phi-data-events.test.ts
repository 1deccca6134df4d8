import { aws, res, specControl } from "../../support/controls";
import { stores } from "../baselines/phi-buckets";

const TRAIL = "aws:cloudtrail/trail:Trail";
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
