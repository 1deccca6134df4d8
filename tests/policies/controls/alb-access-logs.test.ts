import { patch, specControl } from "../../support/controls";
import { edge, throughAlbAliases } from "../baselines/compute";

specControl("careplane-alb-access-logs", {
    passes: [
        { it: "access logs into the log bucket", fixtures: edge },
        { it: "the same through the aws.alb aliases", fixtures: throughAlbAliases(edge) },
    ],
    fails: [
        {
            it: "access logs off",
            fixtures: patch(edge, "public", { accessLogs: { bucket: "caresync-prod-logs", enabled: false } }),
            message: "access logging is off",
        },
        {
            it: "access logs off, through the aws.alb aliases",
            fixtures: throughAlbAliases(patch(edge, "public", { accessLogs: { bucket: "caresync-prod-logs", enabled: false } })),
            message: "public (aws:alb/loadBalancer:LoadBalancer): access logging is off",
        },
    ],
});
