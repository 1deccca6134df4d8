import { amend, patch, specControl } from "../../support/controls";
import { aclLogging, edge } from "../baselines/compute";

specControl("careplane-waf-logging", {
    passes: [{ it: "a web ACL with logging", fixtures: edge }],
    fails: [
        {
            it: "a web ACL without logging",
            fixtures: edge.filter((f) => f !== aclLogging),
            message: "acl (aws:wafv2/webAcl:WebAcl): the web ACL does not log",
        },
        {
            it: "a logging configuration without destination",
            fixtures: amend(patch(edge, "acl-logs", { logDestinationConfigs: [] }), "acl-logs", {}),
            message: "the web ACL does not log",
        },
    ],
});
