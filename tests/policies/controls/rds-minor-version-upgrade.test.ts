import { patch, specControl } from "../../support/controls";
import { dbs } from "../baselines/data";

specControl("careplane-rds-minor-version-upgrade", {
    passes: [{ it: "minor upgrades on", fixtures: dbs }],
    fails: [
        {
            it: "minor upgrades off",
            fixtures: patch(dbs, "db", { autoMinorVersionUpgrade: false }),
            message: "automatic minor version upgrades are not switched on",
        },
    ],
});
