// A PHI bucket's policy names who may enter. Without it, anyone whose IAM policy allows s3:* (an
// administrator, a read-only insider's s3:Get*, a pod role granted too much) reads and rewrites the
// content, and can change the bucket's policy or replicate it elsewhere. The policy must deny, to
// every principal but exactly named roles (aws:PrincipalArn), reading and writing the objects and
// changing the bucket's policy (IAM User Guide: an explicit Deny in a resource policy overrides any
// Allow; Amazon S3 User Guide, "Bucket policy examples": restricting access to specific roles).
import { stackControl } from "../lib/control";
import { Bucket, BUCKET_POLICY, buckets, configsOf } from "../lib/s3";
import { list, Statement, statementsOf } from "../lib/policy-document";
import { conditionValues, coversAction } from "../lib/statement-match";
import { StackResource } from "../lib/stack";

const NAMED_PRINCIPAL = /^arn:[^:]+:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
/** The operations the allow-list must fence, with the part of the bucket they act on. */
const FENCED = [
    { action: "s3:GetObject", on: "objects" },
    { action: "s3:PutObject", on: "objects" },
    { action: "s3:DeleteObjectVersion", on: "objects" },
    { action: "s3:PutBucketPolicy", on: "bucket" },
] as const;

/** A Deny to everyone except exactly named principals, of `action` on the bucket or its objects. */
function fences(s: Statement, action: string, on: "objects" | "bucket"): boolean {
    if (s.Effect !== "Deny" || !coversAction(s, action)) return false;
    const everyone = s.Principal === "*" || list((s.Principal as { AWS?: string | string[] } | undefined)?.AWS).includes("*");
    const resources = list(s.Resource);
    const covers = resources.includes("*") || resources.some((r) => (on === "objects" ? r.endsWith("/*") : !r.endsWith("/*")));
    const except = conditionValues(s, "aws:PrincipalArn", ["ArnNotEquals", "StringNotEquals"]);
    const conditions = Object.values(s.Condition ?? {}).flatMap((tests) => Object.keys(tests ?? {}));
    return (
        everyone &&
        covers &&
        except !== undefined &&
        except.length > 0 &&
        except.every((a) => NAMED_PRINCIPAL.test(a)) &&
        conditions.length === 1
    );
}

function policiesOf(resources: StackResource[], bucket: Bucket): unknown[] {
    return [bucket.props.policy, ...configsOf(resources, bucket, BUCKET_POLICY).map((p) => p.props.policy)].filter((p) => p !== undefined);
}

export const s3PhiAllowList = stackControl({
    name: "careplane-s3-phi-allow-list",
    description:
        "A bucket classified phi has a policy that denies reading, writing and deleting its objects, and changing its policy, to every principal but exactly named roles (aws:PrincipalArn): IAM permissions alone never reach PHI in S3.",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(c)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", BUCKET_POLICY],
    check: (resources, report) => {
        for (const bucket of buckets(resources)) {
            if (bucket.props.tags?.DataClassification !== "phi") continue;
            const statements = policiesOf(resources, bucket).flatMap((p) => statementsOf(p));
            const open = FENCED.filter(({ action, on }) => !statements.some((s) => fences(s, action, on))).map((f) => f.action);
            if (open.length === 0) continue;
            report(bucket, {
                problem: `its policy leaves ${open.join(", ")} to anyone whose IAM policy allows it`,
                expected: 'a Deny of these to Principal "*" except (ArnNotEquals aws:PrincipalArn) the roles named, without wildcards',
            });
        }
    },
});
