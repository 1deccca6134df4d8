import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "./context";

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
}

/**
 * A regional web ACL that allows by default and blocks what the managed rule groups match, and
 * logs every request it evaluates with credentials and query strings (which may carry PHI) redacted.
 */
export function managedRulesWebAcl(name: string, args: WebAclArgs, opts: pulumi.CustomResourceOptions): aws.wafv2.WebAcl {
    const ctx = args.context;
    const metric = (suffix: string) => ({
        cloudwatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: ctx.name(suffix).replace(/[^A-Za-z0-9_-]/g, "-"),
    });
    const acl = new aws.wafv2.WebAcl(
        name,
        {
            name: ctx.name("web-acl"),
            description: "AWS managed rule groups in front of the platform's load balancer",
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: managedRuleGroups.map((group, priority) => ({
                name: group,
                priority,
                overrideAction: { none: {} },
                statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
                visibilityConfig: metric(group),
            })),
            visibilityConfig: metric("web-acl"),
            tags: ctx.tags("internal"),
        },
        opts,
    );
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-logs`,
        {
            // WAF delivers only to log groups whose name starts with aws-waf-logs-.
            name: `aws-waf-logs-${ctx.name("web-acl")}`,
            retentionInDays: ctx.config.profile.auditLogRetentionDays,
            kmsKeyId: args.logsKeyArn,
            tags: ctx.tags("confidential", { LogClass: "audit" }),
        },
        opts,
    );
    new aws.wafv2.WebAclLoggingConfiguration(
        `${name}-logs`,
        {
            resourceArn: acl.arn,
            logDestinationConfigs: [logGroup.arn],
            redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }, { queryString: {} }],
        },
        opts,
    );
    return acl;
}
