import { z } from "zod";

/**
 * `careplane:cdn`: CloudFront in front of the frontend [002]. Off unless a stack asks. From any region: CloudFront
 * takes its certificate, its WAF ACL and its log delivery from us-east-1, where the CDN brings a provider and a
 * logs key of its own when the stack lives elsewhere.
 */
export const cdnSchema = z
    .strictObject(
        {
            enabled: z.boolean({ error: "expected true or false" }).default(false),
            /**
             * An issued ACM certificate in us-east-1 covering the viewer hostnames, instead of the one careplane
             * requests there and validates in compute.ingress.hostedZoneId.
             */
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
    .refine((c) => !c.enabled || c.originHostname !== undefined, {
        path: ["originHostname"],
        error: "CloudFront needs the load balancer's DNS name; set originHostname, such as origin.app.example.org",
    });

export type CdnConfig = z.output<typeof cdnSchema>;

type CdnStack = { cdn: CdnConfig; compute: { platform: string; ingress: { scheme: string; hostedZoneId?: string } } };

/** CloudFront reaches its origin over the internet: an internal load balancer would leave it nothing to reach. */
export function cdnNeedsInternetFacingOrigin(cfg: CdnStack, ctx: z.RefinementCtx) {
    if (cfg.cdn.enabled && cfg.compute.platform === "eks" && cfg.compute.ingress.scheme === "internal") {
        ctx.addIssue({
            code: "custom",
            path: ["compute", "ingress", "scheme"],
            message:
                "CloudFront (careplane:cdn) reaches the load balancer over the internet; use internet-facing (it then admits CloudFront's servers only) or turn the CDN off",
        });
    }
}

/** CloudFront serves viewers only over TLS, with a certificate of its own in us-east-1: a configured one, or one careplane validates in the zone. */
export function cdnNeedsCertificate(cfg: CdnStack, ctx: z.RefinementCtx) {
    if (cfg.cdn.enabled && cfg.cdn.certificateArn === undefined && cfg.compute.ingress.hostedZoneId === undefined) {
        ctx.addIssue({
            code: "custom",
            path: ["cdn", "certificateArn"],
            message:
                "CloudFront serves TLS 1.2+ only with its own certificate; set compute.ingress.hostedZoneId (careplane requests and validates one in us-east-1) or certificateArn (an issued ACM certificate in us-east-1)",
        });
    }
}
