import { stackControl } from "../lib/control";
import { Bucket, BUCKET_POLICY, buckets, configsOf } from "../lib/s3";
import { list, Statement, statementsOf } from "../lib/policy-document";
import { StackResource } from "../lib/stack";

function deniesInsecureTransport(s: Statement): boolean {
    const principal = s.Principal === "*" || (s.Principal as any)?.AWS === "*" || list((s.Principal as any)?.AWS).includes("*");
    const actions = list(s.Action);
    const insecure = String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false";
    const resources = list(s.Resource);
    const coversObjects = resources.some((r) => r.endsWith("/*"));
    const coversBucket = resources.some((r) => !r.endsWith("/*"));
    return (
        s.Effect === "Deny" && principal && (actions.includes("s3:*") || actions.includes("*")) && insecure && coversObjects && coversBucket
    );
}

function policiesOf(resources: StackResource[], bucket: Bucket): unknown[] {
    return [bucket.props.policy, ...configsOf(resources, bucket, BUCKET_POLICY).map((p) => p.props.policy)].filter((p) => p !== undefined);
}

export const s3TlsOnly = stackControl({
    name: "careplane-s3-tls-only",
    description: "Every bucket's policy denies any request that does not use TLS, on the bucket and on its objects, to every principal.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(c)(2)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-S3BucketSSLRequestsOnly"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", BUCKET_POLICY],
    check: (resources, report) => {
        for (const bucket of buckets(resources)) {
            const policies = policiesOf(resources, bucket);
            if (!policies.some((p) => statementsOf(p).some(deniesInsecureTransport))) {
                report(bucket, {
                    problem: policies.length === 0 ? "it has no bucket policy" : "its bucket policy does not deny requests without TLS",
                    expected: 'a Deny of s3:* to Principal "*" on the bucket and bucket/* when aws:SecureTransport is "false"',
                });
            }
        }
    },
});
