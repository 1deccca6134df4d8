import { patch, res, specControl } from "../../support/controls";
import { bucket, BUCKET, SEVEN_YEARS, stores } from "../baselines/phi-buckets";

const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
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
