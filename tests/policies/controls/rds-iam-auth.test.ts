import { patch, specControl } from "../../support/controls";
import { dbs } from "../baselines/data";

specControl("careplane-rds-iam-auth", {
    passes: [{ it: "IAM authentication on", fixtures: dbs }],
    fails: [
        {
            it: "IAM authentication off",
            fixtures: patch(dbs, "db", { iamDatabaseAuthenticationEnabled: false }),
            message: "IAM database authentication is off",
        },
    ],
});
