import { z } from "zod";

const CLOUDFRONT_REGION = "us-east-1";

/**
 * `careplane:cdn`: CloudFront in front of the frontend [002]. Off unless a stack asks. CloudFront
 * takes its certificate, its WAF ACL and that ACL's log group from us-east-1 only, and the stack's
 * KMS keys are regional: a stack elsewhere would need a us-east-1 logs key, which careplane lacks.
 */
export function cdnSchema(region: string) {
    return z
        .strictObject(
            {
                enabled: z.boolean({ error: "expected true or false" }).default(false),
                /** The viewer certificate (ACM, us-east-1) covering the ingress hostname. */
                certificateArn: z
                    .string({ error: "expected an ACM certificate ARN in us-east-1" })
                    .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/, {
                        error: "expected an ACM certificate ARN in us-east-1, where CloudFront reads certificates",
                    })
                    .optional(),
                /** A DNS name of the load balancer that its certificate covers; CloudFront reaches it over TLS 1.2. */
                originHostname: z
                    .string({ error: "expected a DNS name such as origin.app.example.org" })
                    .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { error: "expected a DNS name such as origin.app.example.org" })
                    .optional(),
            },
            { error: "expected a mapping of CDN settings (enabled, certificateArn, originHostname)" },
        )
        .refine((c) => !c.enabled || region === CLOUDFRONT_REGION, {
            path: ["enabled"],
            error: `CloudFront's WAF and logs live in us-east-1 and careplane's keys are regional; enable the CDN only in a us-east-1 stack`,
        })
        .refine((c) => !c.enabled || c.certificateArn !== undefined, {
            path: ["certificateArn"],
            error: "CloudFront serves TLS 1.2+ only with its own certificate; set certificateArn to an ACM certificate in us-east-1",
        })
        .refine((c) => !c.enabled || c.originHostname !== undefined, {
            path: ["originHostname"],
            error: "CloudFront needs the load balancer's DNS name; set originHostname, such as origin.app.example.org",
        });
}

export type CdnConfig = z.output<ReturnType<typeof cdnSchema>>;

/** CloudFront reaches its origin over the internet: an internal load balancer would leave it nothing to reach. */
export function cdnNeedsInternetFacingOrigin(
    cfg: { cdn: { enabled: boolean }; compute: { platform: string; ingress: { scheme: string } } },
    ctx: z.RefinementCtx,
) {
    if (cfg.cdn.enabled && cfg.compute.platform === "eks" && cfg.compute.ingress.scheme === "internal") {
        ctx.addIssue({
            code: "custom",
            path: ["compute", "ingress", "scheme"],
            message:
                "CloudFront (careplane:cdn) reaches the load balancer over the internet; use internet-facing (it then admits CloudFront's servers only) or turn the CDN off",
        });
    }
}
