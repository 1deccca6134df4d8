import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { logRetentionFloor } from "../audit/log-groups";

/** AWS managed rule groups in front of every load balancer [002: ALB with WAF], in priority order. */
export const managedRuleGroups = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
];

export interface WebAclArgs {
    context: PlatformContext;
    /** Encrypts the WAF log group. */
    logsKeyArn: pulumi.Input<string>;
    /** CLOUDFRONT for a distribution's ACL, which AWS keeps in us-east-1: pass a us-east-1 provider in opts outside it. */
    scope?: "REGIONAL" | "CLOUDFRONT";
    /** A header every request must carry with exactly this value (CloudFront's secret origin header); others are blocked. */
    requiredHeader?: RequiredHeader;
}

export interface RequiredHeader {
    /** In lowercase, as WAF's single-header match requires. */
    name: string;
    value: pulumi.Input<string>;
}

/**
 * Requests one client may send in five minutes before WAF blocks it for the rest of the window: an API caller's
 * bursts stay far below it, a credential-stuffing or scraping run does not (AWS WAF rate-based rules count per
 * client over a sliding 5-minute window, https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html).
 */
export const RATE_LIMIT_PER_5_MINUTES = 2000;

/** The only region that holds CloudFront's ACM certificates, CLOUDFRONT-scoped web ACLs and its log delivery. */
export const CLOUDFRONT_REGION = "us-east-1";

/** The headers WAF must never keep: the caller's credentials. */
export const CREDENTIAL_HEADERS = ["authorization", "cookie"];

export interface ManagedRulesWebAcl {
    acl: aws.wafv2.WebAcl;
    /** Its request log: client addresses and URLs, so PHI-bearing (readers are fenced). */
    logGroup: aws.cloudwatch.LogGroup;
}

/**
 * A web ACL (regional, or CloudFront's) that allows by default and blocks what the managed rule groups match, and
 * logs every request it evaluates with credentials and query strings (which may carry PHI) redacted. With a
 * required header, a first rule blocks every request without it, and the header is redacted from the logs too.
 *
 * Request sampling is off: sampled requests keep every header (logging's redaction does not apply to them) and
 * anyone with `wafv2:GetSampledRequests`, which AWS's read-only policies grant, reads them
 * (https://docs.aws.amazon.com/waf/latest/APIReference/API_VisibilityConfig.html). The fenced log holds the same
 * requests, redacted.
 */
export function managedRulesWebAcl(name: string, args: WebAclArgs, opts: pulumi.CustomResourceOptions): ManagedRulesWebAcl {
    const ctx = args.context;
    const cloudFront = args.scope === "CLOUDFRONT";
    const aclName = ctx.name(cloudFront ? "cdn-web-acl" : "web-acl");
    const header = args.requiredHeader;
    const metric = (suffix: string) => ({
        cloudwatchMetricsEnabled: true,
        sampledRequestsEnabled: false,
        metricName: ctx.name(suffix).replace(/[^A-Za-z0-9_-]/g, "-"),
    });
    const acl = new aws.wafv2.WebAcl(
        name,
        {
            name: aclName,
            description: `AWS managed rule groups in front of the platform ${cloudFront ? "CloudFront distribution" : "load balancer"}`,
            scope: args.scope ?? "REGIONAL",
            defaultAction: { allow: {} },
            rules: [
                ...(header ? [requireHeaderRule(header, metric("require-origin-header"))] : []),
                rateLimitRule(header ? 1 : 0, header !== undefined, metric("rate-limit")),
                ...managedRuleGroups.map((group, i) => ({
                    name: group,
                    priority: i + (header ? 2 : 1),
                    overrideAction: { none: {} },
                    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
                    visibilityConfig: metric(group),
                })),
            ],
            visibilityConfig: metric(cloudFront ? "cdn-web-acl" : "web-acl"),
            tags: ctx.tags("internal"),
        },
        opts,
    );
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-logs`,
        {
            // WAF delivers only to log groups whose name starts with aws-waf-logs-.
            name: `aws-waf-logs-${aclName}`,
            retentionInDays: logRetentionFloor(ctx, "audit"),
            kmsKeyId: args.logsKeyArn,
            tags: ctx.tags("phi", { LogClass: "audit" }),
        },
        opts,
    );
    new aws.wafv2.WebAclLoggingConfiguration(
        `${name}-logs`,
        {
            resourceArn: acl.arn,
            logDestinationConfigs: [logGroup.arn],
            redactedFields: [
                ...CREDENTIAL_HEADERS.map((header) => ({ singleHeader: { name: header } })),
                { queryString: {} },
                ...(header ? [{ singleHeader: { name: header.name } }] : []),
            ],
        },
        opts,
    );
    return { acl, logGroup };
}

/**
 * Blocks a client that exceeds RATE_LIMIT_PER_5_MINUTES. Behind CloudFront every request comes from CloudFront's
 * addresses, so the client is the first address of X-Forwarded-For, which CloudFront sets (a request without it
 * counts against the fallback bucket).
 */
function rateLimitRule(priority: number, behindCloudFront: boolean, visibilityConfig: aws.types.input.wafv2.WebAclRuleVisibilityConfig) {
    return {
        name: "RateLimitPerClient",
        priority,
        action: { block: {} },
        statement: {
            rateBasedStatement: {
                limit: RATE_LIMIT_PER_5_MINUTES,
                evaluationWindowSec: 300,
                ...(behindCloudFront
                    ? { aggregateKeyType: "FORWARDED_IP", forwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "MATCH" } }
                    : { aggregateKeyType: "IP" }),
            },
        },
        visibilityConfig,
    };
}

/** Blocks, before any other rule, every request whose header is missing or differs from the value. */
function requireHeaderRule(header: RequiredHeader, visibilityConfig: aws.types.input.wafv2.WebAclRuleVisibilityConfig) {
    return {
        name: "RequireOriginHeader",
        priority: 0,
        action: { block: {} },
        statement: {
            notStatement: {
                statement: {
                    byteMatchStatement: {
                        fieldToMatch: { singleHeader: { name: header.name } },
                        positionalConstraint: "EXACTLY",
                        searchString: header.value,
                        textTransformations: [{ priority: 0, type: "NONE" }],
                    },
                },
            },
        },
        visibilityConfig,
    };
}
