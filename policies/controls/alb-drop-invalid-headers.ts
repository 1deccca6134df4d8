import { resourceControl } from "../lib/control";

export const albDropInvalidHeaders = resourceControl({
    name: "careplane-alb-drop-invalid-headers",
    description: "Application load balancers drop HTTP headers with invalid fields (a request-smuggling defence).",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-ALBHttpDropInvalidHeaderEnabled"],
    types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    check: (props) => {
        if ((props.loadBalancerType ?? "application") !== "application" || props.dropInvalidHeaderFields === true) return undefined;
        return { problem: "invalid header fields are passed to targets", expected: "dropInvalidHeaderFields: true" };
    },
});
