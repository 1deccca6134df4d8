// AWS services that write into the program's buckets: each bucket policy must let them in, or the
// service refuses the configuration (CloudTrail) or silently delivers nothing (ELB, S3 logging).
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { PolicyDocument } from "../../policy";
import { stackRule } from "../../rule";
import { ADMINISTRATOR, decide } from "../../simulate";
import { bucketName, bucketNamed, bucketPolicyOf, T } from "../aws";
import { albAttribute, ELB_LOG_ACCOUNTS } from "./s3";

interface Write {
    principal: string;
    action: string;
    resource: string;
    context: Record<string, string>;
}

/** Simulates each write against the bucket's policy; a bucket without a policy admits no other account or service. */
async function refused(ctx: ReadinessContext, bucket: PlannedResource, writes: Write[]): Promise<Write[]> {
    const policy: PolicyDocument = bucketPolicyOf(ctx, bucket) ?? { Statement: [] };
    const out: Write[] = [];
    for (const w of writes) {
        const decision = await decide({
            principal: w.principal,
            action: w.action,
            resource: w.resource,
            resourceAccount: ctx.account,
            resourcePolicy: policy,
            identityPolicies: w.principal.startsWith("arn:") ? [ADMINISTRATOR] : [],
            context: { "aws:SecureTransport": "true", ...w.context },
        });
        if (decision !== "Allowed") out.push(w);
    }
    return out;
}

const describe = (w: Write) => `${w.principal} ${w.action} on ${w.resource}`;

export const trailBucketPolicy = stackRule(
    {
        id: "prerequisites/cloudtrail-bucket-policy",
        family: "prerequisites",
        description: "The trail's bucket policy lets CloudTrail read the bucket ACL and write under AWSLogs/<account>/",
        source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html",
    },
    async (ctx, rule) => {
        const findings = [];
        for (const trail of ctx.ofType(T.trail)) {
            const bucket = ctx.referenced(trail, "s3BucketName", T.bucket);
            if (!bucket) continue;
            const trailArn = ctx.arn("cloudtrail", `trail/${str(trail.inputs.name) ?? trail.name}`, ctx.regionOf(trail));
            const context = { "aws:SourceArn": trailArn, "aws:SourceAccount": ctx.account };
            const prefix = str(trail.inputs.s3KeyPrefix) ? `${trail.inputs.s3KeyPrefix}/` : "";
            const missing = await refused(ctx, bucket, [
                {
                    principal: "cloudtrail.amazonaws.com",
                    action: "s3:GetBucketAcl",
                    resource: `arn:aws:s3:::${bucketName(bucket)}`,
                    context,
                },
                {
                    principal: "cloudtrail.amazonaws.com",
                    action: "s3:PutObject",
                    resource: `arn:aws:s3:::${bucketName(bucket)}/${prefix}AWSLogs/${ctx.account}/CloudTrail/x.json.gz`,
                    context: { ...context, "s3:x-amz-acl": "bucket-owner-full-control" },
                },
            ]);
            if (missing.length > 0)
                findings.push(
                    ctx.finding(rule, trail, {
                        message: `CloudTrail checks the bucket policy when the trail is created, and ${bucketName(bucket)}'s refuses: ${missing.map(describe).join("; ")}`,
                        awsError: "InsufficientS3BucketPolicyException",
                        fix: "allow cloudtrail.amazonaws.com s3:GetBucketAcl on the bucket and s3:PutObject on AWSLogs/<account>/* (conditioned on aws:SourceArn of the trail)",
                    }),
                );
        }
        return findings;
    },
);

export const accessLogDelivery = stackRule(
    {
        id: "prerequisites/s3-access-log-delivery",
        family: "prerequisites",
        description: "A server access logging target's bucket policy lets logging.s3.amazonaws.com write under the target prefix",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
    },
    async (ctx, rule) => {
        const findings = [];
        for (const logging of ctx.ofType(T.bucketLogging)) {
            const target = bucketNamed(ctx, logging, logging.inputs.targetBucket);
            const source = ctx.referenced(logging, "bucket", T.bucket);
            if (!target || !source) continue;
            const missing = await refused(ctx, target, [
                {
                    principal: "logging.s3.amazonaws.com",
                    action: "s3:PutObject",
                    resource: `arn:aws:s3:::${bucketName(target)}/${str(logging.inputs.targetPrefix) ?? ""}x`,
                    context: { "aws:SourceArn": `arn:aws:s3:::${bucketName(source)}`, "aws:SourceAccount": ctx.account },
                },
            ]);
            if (missing.length > 0)
                findings.push(
                    ctx.finding(rule, logging, {
                        message: `S3 cannot deliver ${bucketName(source)}'s access logs: ${bucketName(target)}'s policy refuses ${missing.map(describe).join("; ")}`,
                        fix: `allow logging.s3.amazonaws.com s3:PutObject on ${bucketName(target)}/${str(logging.inputs.targetPrefix) ?? ""}* in its bucket policy`,
                    }),
                );
        }
        return findings;
    },
);

export const loadBalancerLogDelivery = stackRule(
    {
        id: "prerequisites/alb-access-log-delivery",
        family: "prerequisites",
        description:
            "An ALB's access log bucket policy lets Elastic Load Balancing (its regional account, or its service principal) write under the prefix",
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
    },
    async (ctx, rule) => {
        const findings = [];
        const targets = [
            ...ctx
                .ofType(T.ingress)
                .filter((i) => albAttribute(i.inputs, "access_logs.s3.enabled") === "true")
                .map((i) => ({
                    holder: i,
                    bucket: albAttribute(i.inputs, "access_logs.s3.bucket"),
                    prefix: albAttribute(i.inputs, "access_logs.s3.prefix"),
                })),
            ...ctx
                .ofType(T.loadBalancer)
                .filter((lb) => (lb.inputs.accessLogs as any)?.enabled === true)
                .map((lb) => ({
                    holder: lb,
                    bucket: str((lb.inputs.accessLogs as any)?.bucket),
                    prefix: str((lb.inputs.accessLogs as any)?.prefix),
                })),
        ];
        for (const { holder, bucket: name, prefix } of targets) {
            const bucket = name ? bucketNamed(ctx, holder, name) : undefined;
            if (!bucket) continue;
            const region = ctx.regionOf(holder);
            const resource = `arn:aws:s3:::${bucketName(bucket)}/${prefix ? `${prefix}/` : ""}AWSLogs/${ctx.account}/elasticloadbalancing/x.log.gz`;
            const account = ELB_LOG_ACCOUNTS[region];
            const writers = [
                ...(account ? [{ principal: `arn:aws:iam::${account}:root`, action: "s3:PutObject", resource, context: {} }] : []),
                { principal: "logdelivery.elasticloadbalancing.amazonaws.com", action: "s3:PutObject", resource, context: {} },
            ];
            if ((await refused(ctx, bucket, writers)).length === writers.length)
                findings.push(
                    ctx.finding(rule, holder, {
                        message: `Elastic Load Balancing cannot write access logs to ${bucketName(bucket)}: its policy admits neither ${account ? `the ${region} ELB account ${account} nor ` : ""}logdelivery.elasticloadbalancing.amazonaws.com on ${resource}`,
                        awsError: "InvalidConfigurationRequest",
                        fix: `allow s3:PutObject on ${bucketName(bucket)}/${prefix ? `${prefix}/` : ""}AWSLogs/${ctx.account}/* to the ELB log delivery principal of ${region}`,
                    }),
                );
        }
        return findings;
    },
);
