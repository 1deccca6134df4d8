import { stackControl } from "../lib/control";
import { ofType, referencing } from "../lib/stack";

const LB_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"] as const;
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";

export const albWaf = stackControl({
    name: "careplane-alb-waf",
    description: "Every internet-facing application load balancer is behind a WAFv2 web ACL.",
    hipaa: ["164.308(a)(1)(ii)(B)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [...LB_TYPES, ASSOCIATION],
    check: (resources, report) => {
        for (const lb of ofType(resources, ...LB_TYPES)) {
            if (lb.props.internal === true || (lb.props.loadBalancerType ?? "application") !== "application") continue;
            if (referencing(resources, lb, "resourceArn", ASSOCIATION).length === 0) {
                report(lb, {
                    problem: "the internet-facing load balancer has no WAF web ACL",
                    expected: "an aws.wafv2.WebAclAssociation with the stack's web ACL",
                });
            }
        }
    },
});
