import { patch, specControl } from "../../support/controls";
import { aurora, dbs } from "../baselines/data";

specControl("careplane-rds-iam-auth", {
    passes: [
        { it: "IAM authentication on", fixtures: dbs },
        { it: "an Aurora cluster with IAM authentication", fixtures: [aurora] },
    ],
    fails: [
        {
            it: "IAM authentication off",
            fixtures: patch(dbs, "db", { iamDatabaseAuthenticationEnabled: false }),
            message: "IAM database authentication is off",
        },
        {
            it: "an Aurora cluster without IAM authentication",
            fixtures: patch([aurora], "aurora", { iamDatabaseAuthenticationEnabled: false }),
            message: "aurora (aws:rds/cluster:Cluster): IAM database authentication is off",
        },
    ],
});
