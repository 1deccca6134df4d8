import { aws, patch, res, specControl } from "../../support/controls";

// ---- WAF credentials ----------------------------------------------------------------------------
const visibility = (sampled: boolean) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: sampled, metricName: "m" });
const acl = aws(
    "aws:wafv2/webAcl:WebAcl",
    "acl",
    {
        scope: "REGIONAL",
        visibilityConfig: visibility(false),
        rules: [{ name: "AWSManagedRulesCommonRuleSet", visibilityConfig: visibility(false) }],
    },
    {},
    "prod",
    "internal",
);
const aclLogging = res(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "acl-logging",
    {
        redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }, { queryString: {} }],
    },
    { resourceArn: acl },
);
const dataProtection = {
    dataProtections: [{ action: "SUBSTITUTION", field: { fieldType: "SINGLE_HEADER", fieldKeys: ["authorization", "cookie"] } }],
};
specControl("careplane-waf-credentials-redacted", {
    passes: [
        { it: "sampling off and credentials redacted from the log", fixtures: [acl, aclLogging] },
        {
            it: "sampling on, with the web ACL's data protection replacing both headers everywhere",
            fixtures: [
                patch([acl], "acl", {
                    dataProtectionConfig: dataProtection,
                    visibilityConfig: visibility(true),
                    rules: [{ name: "r", visibilityConfig: visibility(true) }],
                })[0],
                patch([aclLogging], "acl-logging", { redactedFields: [] })[0],
            ],
        },
    ],
    fails: [
        {
            it: "sampling on in a rule",
            fixtures: [
                patch([acl], "acl", { rules: [{ name: "AWSManagedRulesCommonRuleSet", visibilityConfig: visibility(true) }] })[0],
                aclLogging,
            ],
            message:
                "acl (aws:wafv2/webAcl:WebAcl): sampled requests of rule AWSManagedRulesCommonRuleSet keep the authorization and cookie headers",
        },
        {
            it: "sampling on in the web ACL, data protection on the Authorization header only",
            fixtures: [
                patch([acl], "acl", {
                    visibilityConfig: visibility(true),
                    dataProtectionConfig: {
                        dataProtections: [{ action: "HASH", field: { fieldType: "SINGLE_HEADER", fieldKeys: ["authorization"] } }],
                    },
                })[0],
                aclLogging,
            ],
            message: "sampled requests of the web ACL keep the cookie headers",
        },
        {
            it: "a log that keeps the Cookie header",
            fixtures: [acl, patch([aclLogging], "acl-logging", { redactedFields: [{ singleHeader: { name: "authorization" } }] })[0]],
            message: "its logging keeps the cookie headers",
        },
    ],
});
