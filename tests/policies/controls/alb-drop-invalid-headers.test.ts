import { patch, specControl } from "../../support/controls";
import { edge } from "../baselines/compute";

specControl("careplane-alb-drop-invalid-headers", {
    passes: [{ it: "invalid headers dropped", fixtures: edge }],
    fails: [
        {
            it: "invalid headers passed on",
            fixtures: patch(edge, "public", { dropInvalidHeaderFields: undefined }),
            message: "public (aws:lb/loadBalancer:LoadBalancer): invalid header fields are passed to targets",
        },
    ],
});
