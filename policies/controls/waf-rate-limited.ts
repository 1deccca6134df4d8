import { resourceControl } from "../lib/control";

/** A rule that blocks clients over a request rate, at the top level or inside another statement. */
function ratesLimited(rule: any): boolean {
    return rule?.statement?.rateBasedStatement !== undefined && rule?.action?.block !== undefined;
}

export const wafRateLimited = resourceControl({
    name: "careplane-waf-rate-limited",
    description:
        "Every WAF web ACL blocks a client that sends more than a set number of requests in five minutes (a rate-based rule), so no single source can brute-force logins or scrape an API.",
    hipaa: ["164.308(a)(1)(ii)(B)", "164.312(a)(1)", "164.308(a)(5)(ii)(C)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:wafv2/webAcl:WebAcl"],
    check: (props) => {
        if ((props.rules ?? []).some(ratesLimited)) return undefined;
        return {
            problem: "no rate-based rule blocks a client that floods it",
            expected: "a rule with a rateBasedStatement (limit per 5 minutes, per client IP) and a block action",
        };
    },
});
