import { stackControl } from "../lib/control";
import { buckets, configsOf, ENCRYPTION, loadBalancerLogTargets } from "../lib/s3";

const KMS = ["aws:kms", "aws:kms:dsse"];

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
 * Load balancer access logs can be delivered only to an SSE-S3 bucket: "The only server-side
 * encryption option that's supported is Amazon S3-managed keys (SSE-S3)" (Elastic Load Balancing
 * User Guide, "Enable access logs for your Application Load Balancer", bucket requirements:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 * S3 server access logs are not such a case: their target may use SSE-KMS once the key policy lets
 * logging.s3.amazonaws.com use the key (aws-cdk #25350 removed its SSE-S3-only check after AWS confirmed it).
 */
function usesSseS3(rules: any[]): boolean {
    return rules.length > 0 && rules.every((r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm === "AES256");
}

export const s3KmsEncryption = stackControl({
    name: "careplane-s3-kms-encryption",
    description:
        "Every bucket, log buckets included, encrypts new objects by default with SSE-KMS under a customer-managed key; only a bucket that receives load balancer access logs may use SSE-S3, the only encryption Elastic Load Balancing log delivery accepts.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-S3DefaultEncryptionKMS"],
    types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", ...ENCRYPTION],
    check: (resources, report) => {
        const logBuckets = loadBalancerLogTargets(resources);
        for (const bucket of buckets(resources)) {
            const configs = configsOf(resources, bucket, ...ENCRYPTION);
            const inline = bucket.props.serverSideEncryptionConfiguration?.rule;
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
