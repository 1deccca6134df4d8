import { aws, specControl } from "../../support/controls";
import { association, edge, LB, throughAlbAliases } from "../baselines/compute";

specControl("careplane-alb-waf", {
    passes: [
        { it: "an internet-facing load balancer behind a web ACL", fixtures: edge },
        { it: "an internal load balancer without one", fixtures: [aws(LB, "internal", { internal: true })] },
        { it: "the same through the aws.alb aliases", fixtures: throughAlbAliases(edge) },
    ],
    fails: [
        {
            it: "an internet-facing load balancer without a web ACL",
            fixtures: edge.filter((f) => f !== association),
            message: "public (aws:lb/loadBalancer:LoadBalancer): the internet-facing load balancer has no WAF web ACL",
        },
        {
            it: "an internet-facing load balancer without a web ACL, through the aws.alb aliases",
            fixtures: throughAlbAliases(edge.filter((f) => f !== association)),
            message: "public (aws:alb/loadBalancer:LoadBalancer): the internet-facing load balancer has no WAF web ACL",
        },
    ],
});
