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

/** A regional web ACL that allows by default and blocks what the managed rule groups match. */
export function managedRulesWebAcl(name: string, ctx: PlatformContext, opts: pulumi.CustomResourceOptions): aws.wafv2.WebAcl {
    const metric = (suffix: string) => ({
        cloudwatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: `${ctx.name(suffix)}`.replace(/[^A-Za-z0-9_-]/g, "-"),
    });
    return new aws.wafv2.WebAcl(
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
}
