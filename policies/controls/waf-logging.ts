import { stackControl } from "../lib/control";
import { ofType, referencing } from "../lib/stack";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

export const wafLogging = stackControl({
    name: "careplane-waf-logging",
    description: "Every WAFv2 web ACL logs the requests it evaluates.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-WAFv2LoggingEnabled"],
    types: [WEB_ACL, LOGGING],
    check: (resources, report) => {
        for (const acl of ofType(resources, WEB_ACL)) {
            const logging = referencing(resources, acl, "resourceArn", LOGGING).filter(
                (l) => (l.props.logDestinationConfigs ?? []).length > 0,
            );
            if (logging.length === 0) {
                report(acl, {
                    problem: "the web ACL does not log",
                    expected: "an aws.wafv2.WebAclLoggingConfiguration with a log destination",
                });
            }
        }
    },
});
