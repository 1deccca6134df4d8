import { stackControl } from "../lib/control";
import { environmentOfUrn } from "../lib/environment";
import { backupRetentionDays } from "../lib/minimums";
import { configsOf, LIFECYCLE, phiBuckets } from "../lib/s3";

/** Days after which a lifecycle rule deletes current or noncurrent versions (configuration resource or inline bucket rule). */
function expiries(rule: any): Array<{ what: string; days?: number; date?: string }> {
    const enabled = rule.status === "Enabled" || rule.enabled === true;
    if (!enabled) return [];
    const found: Array<{ what: string; days?: number; date?: string }> = [];
    if (rule.expiration?.days !== undefined || rule.expiration?.date !== undefined)
        found.push({ what: "objects", days: rule.expiration.days, date: rule.expiration.date });
    const noncurrent = rule.noncurrentVersionExpiration?.noncurrentDays ?? rule.noncurrentVersionExpiration?.days;
    if (noncurrent !== undefined) found.push({ what: "noncurrent versions", days: noncurrent });
    return found;
}

export const s3PhiLifecycleRetention = stackControl({
    name: "careplane-s3-phi-lifecycle-retention",
    description:
        "No lifecycle rule deletes objects or noncurrent versions of a bucket holding PHI sooner than the environment's retention (7 years in prod, 90 days in test and staging, 30 in dev), nor on a fixed date.",
    hipaa: ["164.310(d)(2)(iv)", "164.312(c)(1)", "164.316(b)(2)(i)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...LIFECYCLE],
    check: (resources, report) => {
        for (const bucket of phiBuckets(resources)) {
            const minimum = backupRetentionDays[environmentOfUrn(bucket.urn)];
            const configs = configsOf(resources, bucket, ...LIFECYCLE);
            const rules = [
                ...configs.flatMap((c) => (c.props.rules ?? []).map((r: any) => ({ at: c, r }))),
                ...(bucket.props.lifecycleRules ?? []).map((r: any) => ({ at: bucket, r })),
            ];
            for (const { at, r } of rules) {
                for (const e of expiries(r)) {
                    if (e.date === undefined && typeof e.days === "number" && e.days >= minimum) continue;
                    report(at, {
                        problem: `rule ${r.id ?? "(no id)"} deletes ${e.what} of PHI bucket ${bucket.name} ${e.date !== undefined ? `on ${e.date}` : `after ${e.days} days`}`,
                        expected: `no expiry before ${minimum} days, the environment's retention`,
                    });
                }
            }
        }
    },
});
