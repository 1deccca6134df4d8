// CloudTrail data events are the only record of who read or wrote which PHI object (management
// events do not log GetObject or PutObject: AWS CloudTrail User Guide, "Logging data events",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
import { stackControl } from "../lib/control";
import { list } from "../lib/policy-document";
import { bucketName, phiBuckets } from "../lib/s3";
import { ofType, Typed } from "../lib/stack";

const TRAIL = "aws:cloudtrail/trail:Trail";
const RESTORE_TEST = "aws:backup/restoreTestingSelection:RestoreTestingSelection";
const ALL_BUCKETS = ["arn:aws:s3", "arn:aws:s3:::"];
const RESTORE_TEST_BUCKET_PREFIX = "awsbackup-restore-test-";

/** Whether a trail records every read and write of a bucket's objects; `undefined` for every bucket of the account. */
function covers(trail: Typed<typeof TRAIL>, name: string | undefined): boolean {
    if (trail.props.enableLogging === false) return false;
    const object = name === undefined ? undefined : `arn:aws:s3:::${name}/`;
    const basic = list(trail.props.eventSelectors).some(
        (s: any) =>
            (s.readWriteType ?? "All") === "All" &&
            list(s.dataResources).some(
                (d: any) =>
                    d.type === "AWS::S3::Object" &&
                    list(d.values).some((v: any) => ALL_BUCKETS.includes(String(v)) || (object !== undefined && String(v) === object)),
            ),
    );
    const advanced = list(trail.props.advancedEventSelectors).some((s: any) => {
        const fields = new Map<string, any>(list(s.fieldSelectors).map((f: any) => [String(f.field), f]));
        const equals = (field: string, value: string) => list(fields.get(field)?.equals).includes(value);
        if (!equals("eventCategory", "Data") || !equals("resources.type", "AWS::S3::Object")) return false;
        // Any other field (readOnly, eventName, ...) records only some of the reads and writes.
        if ([...fields.keys()].some((f) => !["eventCategory", "resources.type", "resources.ARN"].includes(f))) return false;
        const arn = fields.get("resources.ARN");
        if (arn === undefined) return true;
        const narrowed = ["notStartsWiths", "notEquals", "notEndsWiths", "endsWiths", "equals"].some((k) => arn[k] !== undefined);
        return !narrowed && object !== undefined && list(arn.startsWiths).some((p: any) => object.startsWith(String(p)));
    });
    return basic || advanced;
}

export const cloudtrailPhiDataEvents = stackControl({
    name: "careplane-cloudtrail-phi-data-events",
    description:
        "A CloudTrail trail records data events (every object read and write) for every bucket holding PHI, its DR copies included, and, where AWS Backup restore tests restore S3, for the awsbackup-restore-test-* buckets those tests create.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", TRAIL, RESTORE_TEST],
    check: (resources, report) => {
        const trails = ofType(resources, TRAIL);
        for (const bucket of phiBuckets(resources)) {
            const name = bucketName(bucket);
            if (trails.some((t) => covers(t, name))) continue;
            report(bucket, {
                problem: `no trail records its object reads and writes (data events)${name === undefined ? "; AWS names it, so only a trail logging every bucket can" : ""}`,
                expected: `a trail event selector with AWS::S3::Object data resource arn:aws:s3:::${name ?? "<bucket>"}/ and readWriteType All`,
            });
        }
        // A restore test restores S3 into a new bucket AWS Backup names awsbackup-restore-test-<random>;
        // restore tests cannot override that name (AWS Backup Developer Guide, "Restore testing
        // inferred metadata": https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html).
        // Only a trail logging every bucket, or an advanced selector on that prefix, records what
        // happens to the copy.
        for (const test of ofType(resources, RESTORE_TEST).filter((t) => String(t.props.protectedResourceType).toUpperCase() === "S3")) {
            if (trails.some((t) => covers(t, RESTORE_TEST_BUCKET_PREFIX))) continue;
            report(test, {
                problem: `its S3 restores create PHI copies in ${RESTORE_TEST_BUCKET_PREFIX}* buckets, outside every trail's data events`,
                expected: `a trail logging S3 data events for every bucket (arn:aws:s3:::), or an advanced event selector whose resources.ARN startsWith arn:aws:s3:::${RESTORE_TEST_BUCKET_PREFIX}`,
            });
        }
    },
});
