import { patch, specControl } from "../../support/controls";
import { edge } from "../baselines/compute";

specControl("careplane-alb-access-logs", {
    passes: [{ it: "access logs into the log bucket", fixtures: edge }],
    fails: [
        {
            it: "access logs off",
            fixtures: patch(edge, "public", { accessLogs: { bucket: "caresync-prod-logs", enabled: false } }),
            message: "access logging is off",
        },
    ],
});
