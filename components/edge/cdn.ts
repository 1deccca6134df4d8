import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PlatformContext } from "../context";
import { logGroup } from "../audit/log-groups";
import { ingressCertificate } from "../compute/certificate";
import { CdnConfig } from "../config/schema/cdn";
import { regionKey } from "../security/region-key";
import { CLOUDFRONT_REGION, managedRulesWebAcl, RequiredHeader } from "./waf";

/** AWS managed CloudFront policies (IDs are global and fixed). */
export const managedPolicies = {
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    allViewer: "216adef6-5c7f-47e4-b989-5492eafa07d3",
    securityHeaders: "67f7725c-6f97-4210-82d7-5512b31e9d03",
};

/** Only these paths (the frontend's fingerprinted build output) are cached; everything else may carry PHI. */
export const cachedPaths = ["/assets/*", "/static/*"];

/** The AWS-managed prefix list of CloudFront's origin-facing servers: the only sources the load balancer admits. */
export const CLOUDFRONT_ORIGIN_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";

/** The header CloudFront adds to every origin request; the load balancer's WAF blocks requests without it. */
export const ORIGIN_HEADER = "x-origin-verify";

/**
 * What the load balancer needs to serve CloudFront alone: the prefix list its security group admits,
 * and the secret header its WAF requires (the prefix list is every CloudFront distribution's, not
 * only ours; the header is ours).
 */
export interface CloudFrontOrigin {
    prefixListId: pulumi.Output<string>;
    header: RequiredHeader;
}

export interface CdnArgs {
    context: PlatformContext;
    /** `careplane:cdn`: the origin's hostname and, when given, the viewer certificate. */
    config: CdnConfig;
    /** The names viewers use: the ingress hostname and any host of a routed service. */
    hostnames: string[];
    /** The public zone of those names, where the viewer certificate is validated when the config names none. */
    hostedZoneId?: string;
    /** The stack's logs key: it encrypts the CDN's log groups when the stack itself is in us-east-1. */
    logsKeyArn: pulumi.Input<string>;
    /** careplane:account.id, which the us-east-1 provider is pinned to. */
    allowedAccountId: string;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * CloudFront in front of the frontend [002]: TLS 1.2+ to viewers and to the load balancer, HTTP
 * redirected, WAF, security headers, nothing cached except the frontend's static assets, and
 * access logs delivered to an encrypted audit-class log group.
 *
 * CloudFront reads its viewer certificate from ACM in us-east-1
 * (https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html), WAF keeps CLOUDFRONT-scoped web ACLs there
 * (https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html), and standard logging (v2) is
 * configured there (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html), so
 * every one of these pieces, and the log groups they write to, live in us-east-1: through the stack's own
 * provider and logs key in a us-east-1 stack, else through a us-east-1 provider and logs key of the CDN's own.
 */
export class Cdn extends pulumi.ComponentResource {
    readonly distributionId: pulumi.Output<string>;
    readonly domainName: pulumi.Output<string>;
    /** For the compute platform: admit only CloudFront at the load balancer. */
    readonly origin: CloudFrontOrigin;
    /** Logs that can hold PHI (requests with client addresses and URLs): only the log readers may read them. */
    readonly phiLogGroups: aws.cloudwatch.LogGroup[];
    /** The us-east-1 logs key, when the stack lives elsewhere (break-glass administers it like the stack's keys). */
    readonly edgeLogsKey?: aws.kms.Key;

    constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:cdn:Cdn", name, {}, opts);
        const ctx = args.context;
        const cfg = args.config;
        const child = { parent: this };

        const edgeRegion =
            ctx.region === CLOUDFRONT_REGION
                ? undefined
                : regionKey(
                      `${name}-${CLOUDFRONT_REGION}`,
                      {
                          context: ctx,
                          region: CLOUDFRONT_REGION,
                          allowedAccountId: args.allowedAccountId,
                          keyClass: "logs",
                          alias: `logs-${CLOUDFRONT_REGION}`,
                          description: "encrypts the CloudFront distribution's access and WAF logs",
                          classification: "confidential",
                          accountId: args.accountId,
                          partition: args.partition,
                      },
                      this,
                  );
        this.edgeLogsKey = edgeRegion?.key;
        const logsKeyArn = edgeRegion?.key.arn ?? args.logsKeyArn;
        /** The global-edge pieces: in us-east-1. */
        const edge = { parent: this, provider: edgeRegion?.provider };

        // Generated once and kept in state (encrypted); plans show it masked. Letters and digits only: any header accepts them.
        const originSecret = new random.RandomPassword(`${name}-origin-verify`, { length: 48, special: false }, child);
        this.origin = {
            // The load balancer's region: its security group names the prefix list by this region's id.
            prefixListId: aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_PREFIX_LIST }, child).id,
            header: { name: ORIGIN_HEADER, value: pulumi.secret(originSecret.result) },
        };

        const certificateArn =
            cfg.certificateArn ??
            ingressCertificate(`${name}-certificate`, { context: ctx, names: args.hostnames, hostedZoneId: args.hostedZoneId! }, edge);
        const webAcl = managedRulesWebAcl(`${name}-web-acl`, { context: ctx, logsKeyArn, scope: "CLOUDFRONT" }, edge);
        const behavior = {
            targetOriginId: "alb",
            viewerProtocolPolicy: "redirect-to-https",
            compress: true,
            responseHeadersPolicyId: managedPolicies.securityHeaders,
        };
        const distribution = new aws.cloudfront.Distribution(
            name,
            {
                enabled: true,
                comment: `${ctx.name("cdn")}: the frontend, through the load balancer`,
                aliases: args.hostnames,
                httpVersion: "http2and3",
                isIpv6Enabled: true,
                priceClass: "PriceClass_100",
                origins: [
                    {
                        originId: "alb",
                        domainName: cfg.originHostname!,
                        customHeaders: [{ name: ORIGIN_HEADER, value: this.origin.header.value }],
                        customOriginConfig: {
                            httpPort: 80,
                            httpsPort: 443,
                            originProtocolPolicy: "https-only",
                            originSslProtocols: ["TLSv1.2"],
                        },
                    },
                ],
                defaultCacheBehavior: {
                    ...behavior,
                    allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                    cachedMethods: ["GET", "HEAD"],
                    cachePolicyId: managedPolicies.cachingDisabled,
                    originRequestPolicyId: managedPolicies.allViewer,
                },
                orderedCacheBehaviors: cachedPaths.map((pathPattern) => ({
                    ...behavior,
                    pathPattern,
                    allowedMethods: ["GET", "HEAD"],
                    cachedMethods: ["GET", "HEAD"],
                    cachePolicyId: managedPolicies.cachingOptimized,
                })),
                restrictions: { geoRestriction: { restrictionType: "none" } },
                viewerCertificate: {
                    acmCertificateArn: certificateArn,
                    sslSupportMethod: "sni-only",
                    minimumProtocolVersion: "TLSv1.2_2021",
                },
                webAclId: webAcl.acl.arn,
                tags: ctx.tags("phi"),
            },
            edge,
        );
        this.distributionId = distribution.id;
        this.domainName = distribution.domainName;

        const logs = logGroup(
            `${name}-access-logs`,
            {
                context: ctx,
                name: `/careplane/${ctx.name("cdn-access")}`,
                logClass: "audit",
                logsKeyArn,
                classification: "phi",
            },
            edge,
        );
        this.phiLogGroups = [webAcl.logGroup, logs];
        const source = new aws.cloudwatch.LogDeliverySource(
            `${name}-access-logs`,
            { name: ctx.name("cdn-access"), logType: "ACCESS_LOGS", resourceArn: distribution.arn, tags: ctx.tags("internal") },
            edge,
        );
        const destination = new aws.cloudwatch.LogDeliveryDestination(
            `${name}-access-logs`,
            {
                name: ctx.name("cdn-access"),
                deliveryDestinationType: "CWL",
                deliveryDestinationConfiguration: { destinationResourceArn: logs.arn },
                tags: ctx.tags("internal"),
            },
            edge,
        );
        new aws.cloudwatch.LogDelivery(
            `${name}-access-logs`,
            { deliverySourceName: source.name, deliveryDestinationArn: destination.arn, tags: ctx.tags("internal") },
            edge,
        );

        this.registerOutputs({ distributionId: this.distributionId, domainName: this.domainName });
    }
}
