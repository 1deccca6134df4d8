import { aws, patch, specControl } from "../../support/controls";
import { dbs, params, primaryInputs, RDS, replica } from "../baselines/data";

specControl("careplane-rds-multi-az", {
    passes: [
        { it: "a Multi-AZ primary and a single-AZ replica in prod", fixtures: [...dbs, replica] },
        {
            it: "a single-AZ primary in dev",
            fixtures: [params, aws(RDS, "db", { ...primaryInputs, multiAz: false }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "a single-AZ primary in prod",
            fixtures: patch(dbs, "db", { multiAz: false }),
            message: "db (aws:rds/instance:Instance): the primary runs in a single AZ; expected multiAz: true in prod",
        },
        {
            it: "a single-AZ primary in staging",
            fixtures: [aws(RDS, "db", { ...primaryInputs, multiAz: undefined }, {}, "staging")],
            environment: "staging",
            message: "expected multiAz: true in staging",
        },
    ],
});
