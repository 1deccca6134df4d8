import { patch, res, specControl, without } from "../../support/controls";
import { BUCKET, logsBucket, storage, throughS3V2 } from "../baselines/storage";

const sseS3 = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] };
/** The same buckets, none delivering server access logs to the log bucket. */
const withoutServerAccessLogs = storage.filter((f) => f.type !== "aws:s3/bucketLogging:BucketLogging");
specControl("careplane-s3-kms-encryption", {
    passes: [
        { it: "SSE-KMS with a key everywhere", fixtures: storage },
        {
            it: "SSE-S3 on the bucket a load balancer logs to, the only encryption its log delivery accepts",
            fixtures: [
                ...patch(withoutServerAccessLogs, "logs-sse", sseS3),
                res(
                    "aws:lb/loadBalancer:LoadBalancer",
                    "alb",
                    { accessLogs: { bucket: "logs-id", enabled: true } },
                    { accessLogs: logsBucket },
                ),
            ],
        },
        {
            it: "SSE-S3 on the bucket other buckets' S3 server access logs go to, the only default encryption their delivery accepts",
            fixtures: patch(storage, "logs-sse", sseS3),
        },
        {
            it: "SSE-S3 on the bucket an Ingress's load balancer logs to (AWS Load Balancer Controller annotation)",
            fixtures: [
                ...patch(patch(withoutServerAccessLogs, "logs-sse", sseS3), "logs", { bucket: "caresync-prod-access-logs" }, BUCKET),
                res("kubernetes:networking.k8s.io/v1:Ingress", "web", {
                    metadata: {
                        annotations: {
                            "alb.ingress.kubernetes.io/load-balancer-attributes":
                                "deletion_protection.enabled=true,access_logs.s3.enabled=true,access_logs.s3.bucket=caresync-prod-access-logs,access_logs.s3.prefix=alb",
                        },
                    },
                }),
            ],
        },
        { it: "SSE-KMS with a key everywhere, through the V2 resources", fixtures: throughS3V2(storage) },
    ],
    fails: [
        {
            it: "no default encryption",
            fixtures: without(storage, "documents-sse"),
            message: "documents (aws:s3/bucket:Bucket): it has no default encryption configuration",
        },
        {
            it: "SSE-S3 (AES256)",
            fixtures: patch(storage, "documents-sse", sseS3),
            message: "default encryption of bucket documents is not SSE-KMS with a customer-managed key",
        },
        {
            it: "SSE-S3 on a log bucket no S3 or load balancer log delivery writes to (its delivery accepts a key)",
            fixtures: patch(withoutServerAccessLogs, "logs-sse", sseS3),
            message: "default encryption of bucket logs is not SSE-KMS",
        },
        {
            it: "no encryption configuration, through the V2 resources",
            fixtures: throughS3V2(without(storage, "documents-sse")),
            message: "documents (aws:s3/bucketV2:BucketV2):",
        },
    ],
});
