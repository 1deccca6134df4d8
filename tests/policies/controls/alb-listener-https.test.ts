import { patch, specControl } from "../../support/controls";
import { edge, throughAlbAliases } from "../baselines/compute";

specControl("careplane-alb-listener-https", {
    passes: [
        { it: "HTTPS with TLS 1.2+ and an HTTP redirect", fixtures: edge },
        { it: "the same through the aws.alb aliases", fixtures: throughAlbAliases(edge) },
    ],
    fails: [
        {
            it: "HTTPS without a certificate",
            fixtures: patch(edge, "https", { certificateArn: undefined }),
            message: "https (aws:lb/listener:Listener): the HTTPS listener has no certificate",
        },
        {
            it: "a TLS 1.0 policy",
            fixtures: patch(edge, "https", { sslPolicy: "ELBSecurityPolicy-2016-08" }),
            message: "ssl policy ELBSecurityPolicy-2016-08 allows TLS below 1.2",
        },
        {
            it: "HTTP forwarding to targets",
            fixtures: patch(edge, "http", { defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] }),
            message: "http (aws:lb/listener:Listener): the HTTP listener on port 80 serves traffic in clear text",
        },
        {
            it: "HTTPS without a certificate, through the aws.alb aliases",
            fixtures: throughAlbAliases(patch(edge, "https", { certificateArn: undefined })),
            message: "https (aws:alb/listener:Listener): the HTTPS listener has no certificate",
        },
    ],
});
