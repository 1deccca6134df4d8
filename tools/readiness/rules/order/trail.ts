// A trail is created only once its bucket's policy admits CloudTrail.
import { stackRule } from "../../rule";
import { bucketConfigs, T } from "../aws";

export const trailAfterBucketPolicy = stackRule(
    {
        id: "order/trail-after-bucket-policy",
        family: "order",
        description: "A trail waits for its bucket's policy (CloudTrail checks it on CreateTrail)",
        source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.trail).flatMap((trail) => {
            const bucket = ctx.referenced(trail, "s3BucketName", T.bucket);
            const policies = bucket ? bucketConfigs(ctx, bucket, T.bucketPolicy) : [];
            return policies
                .filter((p) => !ctx.graph.waitsFor(trail, p))
                .map((p) =>
                    ctx.finding(rule, trail, {
                        message: `CloudTrail checks the bucket policy when the trail is created; the trail does not wait for ${p.name}`,
                        awsError: "InsufficientS3BucketPolicyException",
                        fix: `depend on ${p.name}`,
                    }),
                );
        }),
);
