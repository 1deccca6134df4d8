import { patch, specControl } from "../../support/controls";
import { dbs, replica } from "../baselines/data";

specControl("careplane-rds-enhanced-monitoring", {
    passes: [{ it: "60-second monitoring with a role", fixtures: [...dbs, replica] }],
    fails: [
        { it: "monitoring off", fixtures: patch(dbs, "db", { monitoringInterval: 0 }), message: "enhanced monitoring is off" },
        {
            it: "monitoring every 5 minutes is not an option; 120 s too coarse",
            fixtures: patch(dbs, "db", { monitoringInterval: 120 }),
            message: "monitoring interval is 120 s",
        },
        {
            it: "monitoring without a role",
            fixtures: patch(dbs, "db", { monitoringRoleArn: undefined }),
            message: "enhanced monitoring has no role",
        },
    ],
});
