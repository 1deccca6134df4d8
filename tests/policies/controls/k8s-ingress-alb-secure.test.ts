import { specControl } from "../../support/controls";
import { ingress } from "../baselines/compute";

specControl("careplane-k8s-ingress-alb-secure", {
    passes: [
        { it: "HTTPS, redirect, TLS 1.2+, invalid headers dropped, behind WAF", fixtures: [ingress()] },
        {
            it: "an internal ALB without WAF",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/scheme": "internal", "alb.ingress.kubernetes.io/wafv2-acl-arn": undefined })],
        },
    ],
    fails: [
        {
            it: "HTTP only",
            fixtures: [
                ingress({
                    "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }]),
                }),
            ],
            message: "ingress (kubernetes:networking.k8s.io/v1:Ingress): the load balancer does not listen on HTTPS",
        },
        {
            it: "listen ports it cannot read (it never passes them)",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/listen-ports": '[{"HTTPS": 443}' })],
            message: "alb.ingress.kubernetes.io/listen-ports is not valid JSON",
        },
        {
            it: "HTTP without redirect",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/ssl-redirect": undefined })],
            message: "HTTP is served without a redirect to HTTPS",
        },
        {
            it: "a TLS 1.0 policy",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS-1-0-2015-04" })],
            message: "may allow TLS below 1.2",
        },
        {
            it: "invalid headers kept",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/load-balancer-attributes": "deletion_protection.enabled=true" })],
            message: "invalid header fields are passed to targets",
        },
        {
            it: "internet-facing without WAF",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/wafv2-acl-arn": undefined })],
            message: "the internet-facing load balancer has no WAF web ACL",
        },
        {
            it: "plain HTTP from the load balancer to the pods",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/backend-protocol": undefined })],
            message: "the load balancer reaches the pods in plain HTTP; expected alb.ingress.kubernetes.io/backend-protocol: HTTPS",
        },
    ],
});
