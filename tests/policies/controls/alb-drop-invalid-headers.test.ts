import { patch, specControl } from "../../support/controls";
import { edge, throughAlbAliases } from "../baselines/compute";

specControl("careplane-alb-drop-invalid-headers", {
    passes: [
        { it: "invalid headers dropped", fixtures: edge },
        { it: "the same through the aws.alb aliases", fixtures: throughAlbAliases(edge) },
    ],
    fails: [
        {
            it: "invalid headers passed on",
            fixtures: patch(edge, "public", { dropInvalidHeaderFields: undefined }),
            message: "public (aws:lb/loadBalancer:LoadBalancer): invalid header fields are passed to targets",
        },
        {
            it: "invalid headers passed on, through the aws.alb aliases",
            fixtures: throughAlbAliases(patch(edge, "public", { dropInvalidHeaderFields: undefined })),
            message: "public (aws:alb/loadBalancer:LoadBalancer): invalid header fields are passed to targets",
        },
    ],
});
