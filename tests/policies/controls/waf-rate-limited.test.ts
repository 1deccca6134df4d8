import { patch, specControl } from "../../support/controls";
import { acl } from "../baselines/compute";

const rateRule = {
    name: "RateLimitPerClient",
    priority: 0,
    action: { block: {} },
    statement: { rateBasedStatement: { limit: 2000, evaluationWindowSec: 300, aggregateKeyType: "IP" } },
    visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: "rate" },
};
specControl("careplane-waf-rate-limited", {
    passes: [{ it: "a rate-based rule that blocks", fixtures: patch([acl], "acl", { rules: [rateRule] }) }],
    fails: [
        {
            it: "managed rule groups only",
            fixtures: [acl],
            message: "acl (aws:wafv2/webAcl:WebAcl): no rate-based rule blocks a client that floods it",
        },
        {
            it: "a rate-based rule that only counts",
            fixtures: patch([acl], "acl", { rules: [{ ...rateRule, action: { count: {} } }] }),
            message: "no rate-based rule blocks",
        },
    ],
});
