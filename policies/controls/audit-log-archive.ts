import { stackControl } from "../lib/control";
import { LOG_GROUP, TRAIL } from "../lib/detection";
import { AUDIT_ARCHIVE_MIN_DAYS } from "../lib/minimums";
import { Bucket, BUCKET_TYPES, configsOf, LIFECYCLE, OBJECT_LOCK, shortestExpiryDays } from "../lib/s3";
import { ofType, referencedBy, referencing, StackResource } from "../lib/stack";
import { stackEnvironment } from "../lib/environment";

const SUBSCRIPTION = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

/** The logs that record who read and changed PHI: pgaudit (the postgresql log) and the EKS API server's audit log. */
const auditRecords = [
    { what: "the database's pgaudit records", name: /^\/aws\/rds\/(instance|cluster)\/[^/]+\/postgresql$/ },
    { what: "the EKS API server's audit log", name: /^\/aws\/eks\/[^/]+\/cluster$/ },
];

function lockedDays(retention: any): number {
    return (retention?.days ?? 0) + Math.round((retention?.years ?? 0) * 365.25);
}

/** Why a bucket does not keep what it receives for six years out of anyone's reach, or undefined when it does. */
function whyNotLocked(resources: StackResource[], bucket: Bucket): string | undefined {
    const retention = configsOf(resources, bucket, ...OBJECT_LOCK)[0]?.props.rule?.defaultRetention;
    if (bucket.props.objectLockEnabled !== true || !retention) return `bucket ${bucket.name} has no default Object Lock retention`;
    if (retention.mode !== "COMPLIANCE")
        return `bucket ${bucket.name} locks in ${JSON.stringify(retention.mode)} mode, which privileged users can bypass`;
    const days = lockedDays(retention);
    if (days < AUDIT_ARCHIVE_MIN_DAYS) return `bucket ${bucket.name} locks its objects ${days} days`;
    const shortest = shortestExpiryDays(resources, bucket);
    if (shortest < AUDIT_ARCHIVE_MIN_DAYS) return `bucket ${bucket.name}'s lifecycle expires objects after ${shortest} days`;
    return undefined;
}

export const auditLogArchive = stackControl({
    name: "careplane-audit-log-archive",
    description: `In prod, audit records outlive CloudWatch and every administrator: each trail's bucket, and the bucket a Firehose stream receives the database's pgaudit log and the EKS audit log in (through a subscription filter on each group), keep their objects under COMPLIANCE Object Lock for at least ${AUDIT_ARCHIVE_MIN_DAYS} days (six years) and expire none sooner.`,
    hipaa: ["164.312(b)", "164.312(c)(1)", "164.316(b)(2)(i)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [TRAIL, LOG_GROUP, SUBSCRIPTION, STREAM, ...BUCKET_TYPES, ...OBJECT_LOCK, ...LIFECYCLE],
    check: (resources, report) => {
        if (stackEnvironment(resources) !== "prod") return;
        const expected = `an Object Lock configuration in COMPLIANCE mode of at least ${AUDIT_ARCHIVE_MIN_DAYS} days, and no lifecycle expiry sooner`;
        for (const trail of ofType(resources, TRAIL)) {
            for (const bucket of ofType(referencedBy(trail, "s3BucketName"), ...BUCKET_TYPES)) {
                const why = whyNotLocked(resources, bucket);
                if (why) report(trail, { problem: `the trail's files are not kept six years: ${why}`, expected });
            }
        }
        for (const group of ofType(resources, LOG_GROUP)) {
            const record = auditRecords.find((r) => r.name.test(String(group.props.name ?? "")));
            if (!record) continue;
            const archives = referencing(resources, group, "logGroup", SUBSCRIPTION)
                .flatMap((f) => referencedBy(f, "destinationArn"))
                .filter((d) => d.type === STREAM)
                .flatMap((s) => ofType(referencedBy(s, "extendedS3Configuration"), ...BUCKET_TYPES));
            const reasons = archives.map((b) => whyNotLocked(resources, b));
            if (reasons.includes(undefined)) continue;
            report(group, {
                problem:
                    archives.length === 0
                        ? `${record.what} is kept in CloudWatch only, where any administrator can delete it`
                        : `${record.what} is archived, but ${reasons[0]}`,
                expected: `a subscription filter on the group to a Firehose stream delivering to a bucket with ${expected}`,
            });
        }
    },
});
