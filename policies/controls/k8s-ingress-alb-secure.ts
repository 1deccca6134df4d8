import { Finding, resourceControl } from "../lib/control";
import { readJson } from "../lib/json";

const A = "alb.ingress.kubernetes.io/";
const WEAK_POLICIES = /^ELBSecurityPolicy-(2015-05|2016-08|TLS-1-0|TLS-1-1|FS-2018-06|FS-1-1)/;

export const k8sIngressAlbSecure = resourceControl({
    name: "careplane-k8s-ingress-alb-secure",
    description:
        "An Ingress served by the AWS Load Balancer Controller listens on HTTPS with a TLS 1.2+ policy, redirects HTTP to HTTPS, drops invalid headers, reaches its pods over HTTPS, and, when internet-facing, sits behind a WAF web ACL.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["kubernetes:networking.k8s.io/v1:Ingress"],
    check: (props) => {
        if (props.spec?.ingressClassName !== "alb" && props.metadata?.annotations?.["kubernetes.io/ingress.class"] !== "alb")
            return undefined;
        const a = props.metadata?.annotations ?? {};
        const read = readJson<Array<Record<string, number>>>(a[`${A}listen-ports`], `${A}listen-ports`, "array");
        if (read.unreadable) return read.unreadable;
        const problems: Finding[] = [];
        const ports = read.value ?? [];
        if (!ports.some((p) => p.HTTPS !== undefined))
            problems.push({ problem: "the load balancer does not listen on HTTPS", expected: `${A}listen-ports including {"HTTPS": 443}` });
        if (ports.some((p) => p.HTTP !== undefined) && !a[`${A}ssl-redirect`])
            problems.push({ problem: "HTTP is served without a redirect to HTTPS", expected: `${A}ssl-redirect: "443"` });
        if (!a[`${A}ssl-policy`] || WEAK_POLICIES.test(a[`${A}ssl-policy`])) {
            problems.push({
                problem: `ssl policy ${JSON.stringify(a[`${A}ssl-policy`] ?? "(controller default)")} may allow TLS below 1.2`,
                expected: `${A}ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06`,
            });
        }
        if (!String(a[`${A}load-balancer-attributes`] ?? "").includes("routing.http.drop_invalid_header_fields.enabled=true")) {
            problems.push({
                problem: "invalid header fields are passed to targets",
                expected: `${A}load-balancer-attributes with routing.http.drop_invalid_header_fields.enabled=true`,
            });
        }
        // The load balancer to pod hop is not covered by Nitro encryption (it passes through a load balancer).
        if (a[`${A}backend-protocol`] !== "HTTPS") {
            problems.push({
                problem: "the load balancer reaches the pods in plain HTTP",
                expected: `${A}backend-protocol: HTTPS (a TLS endpoint in the pod)`,
            });
        }
        if (a[`${A}scheme`] === "internet-facing" && !a[`${A}wafv2-acl-arn`]) {
            problems.push({
                problem: "the internet-facing load balancer has no WAF web ACL",
                expected: `${A}wafv2-acl-arn set to the stack's web ACL`,
            });
        }
        return problems;
    },
});
