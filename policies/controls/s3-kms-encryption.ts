import { stackControl } from "../lib/control";
import { BUCKET, buckets, configsOf, ENCRYPTION, loadBalancerLogTargets, serverAccessLogTargets } from "../lib/s3";

const KMS = ["aws:kms", "aws:kms:dsse"] as const;

function usesKms(rules: any[]): boolean {
    return (
        rules.length > 0 &&
        rules.every(
            (r) =>
                KMS.includes(r.applyServerSideEncryptionByDefault?.sseAlgorithm) &&
                Boolean(r.applyServerSideEncryptionByDefault?.kmsMasterKeyId),
        )
    );
}

/**
 * Two AWS log deliveries accept only SSE-S3 on their target bucket, so those targets may use it:
 * - load balancer access logs: "The only server-side encryption option that's supported is Amazon
 *   S3-managed keys (SSE-S3)" (Elastic Load Balancing User Guide, "Enable access logs for your
 *   Application Load Balancer":
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html);
 * - S3 server access logs: "You can use default bucket encryption on the destination bucket only if
 *   you use server-side encryption with Amazon S3 managed keys (SSE-S3) ... Default server-side
 *   encryption with AWS KMS keys (SSE-KMS) is not supported" (Amazon S3 User Guide, "Enabling Amazon
 *   S3 server access logging": https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html;
 *   the deploy-readiness rule prerequisites/s3-access-log-target holds the same limit).
 * Every other log bucket (the trail's, the audit archive) keeps a customer-managed key.
 */
function usesSseS3(rules: any[]): boolean {
    return rules.length > 0 && rules.every((r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm === "AES256");
}

export const s3KmsEncryption = stackControl({
    name: "careplane-s3-kms-encryption",
    description:
        "Every bucket, log buckets included, encrypts new objects by default with SSE-KMS under a customer-managed key; only a bucket that receives S3 server access logs or load balancer access logs may use SSE-S3, the only default encryption those two deliveries accept.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-S3DefaultEncryptionKMS"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...ENCRYPTION],
    check: (resources, report) => {
        const logBuckets = new Set([...serverAccessLogTargets(resources), ...loadBalancerLogTargets(resources)]);
        for (const bucket of buckets(resources)) {
            const configs = configsOf(resources, bucket, ...ENCRYPTION);
            const inline = bucket.type === BUCKET ? bucket.props.serverSideEncryptionConfiguration?.rule : undefined;
            const ruleSets = [...configs.map((c) => c.props.rules ?? []), ...(inline ? [[inline]] : [])];
            if (ruleSets.length === 0) {
                report(bucket, {
                    problem: "it has no default encryption configuration",
                    expected: "an aws.s3.BucketServerSideEncryptionConfiguration using aws:kms with the stack's key",
                });
            } else if (logBuckets.has(bucket.urn) ? !ruleSets.every((r) => usesKms(r) || usesSseS3(r)) : !ruleSets.every(usesKms)) {
                report(configs[0] ?? bucket, {
                    problem: `default encryption of bucket ${bucket.name} is not SSE-KMS with a customer-managed key`,
                    expected: 'sseAlgorithm "aws:kms" and kmsMasterKeyId set',
                });
            }
        }
    },
});
