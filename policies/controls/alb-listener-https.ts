import { Finding, resourceControl } from "../lib/control";

/** ELB security policies that allow TLS below 1.2. */
const WEAK_POLICIES = /^ELBSecurityPolicy-(2015-05|2016-08|TLS-1-0|TLS-1-1|FS-2018-06|FS-1-1)/;

export const albListenerHttps = resourceControl({
    name: "careplane-alb-listener-https",
    description:
        "Every load balancer listener either serves HTTPS with a certificate and a TLS 1.2+ policy, or only redirects HTTP to HTTPS.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-ALBHttpToHttpsRedirection", "HIPAA.Security-ELBv2ACMCertificateRequired"],
    types: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    check: (props) => {
        const protocol = props.protocol ?? "HTTP";
        const problems: Finding[] = [];
        if (protocol === "HTTPS" || protocol === "TLS") {
            if (!props.certificateArn)
                problems.push({ problem: "the HTTPS listener has no certificate", expected: "certificateArn of an ACM certificate" });
            if (!props.sslPolicy || WEAK_POLICIES.test(props.sslPolicy)) {
                problems.push({
                    problem: props.sslPolicy ? `ssl policy ${props.sslPolicy} allows TLS below 1.2` : "no ssl policy is set",
                    expected: "sslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy)",
                });
            }
            return problems;
        }
        const actions: any[] = props.defaultActions ?? [];
        const redirects = actions.length > 0 && actions.every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS");
        if (!redirects) {
            problems.push({
                problem: `the ${protocol} listener on port ${props.port ?? 80} serves traffic in clear text`,
                expected: "a redirect to HTTPS (statusCode HTTP_301) as its only default action",
            });
        }
        return problems;
    },
});
