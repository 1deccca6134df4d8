import { patch, specControl } from "../../support/controls";
import { dbs } from "../baselines/data";

specControl("careplane-rds-not-public", {
    passes: [{ it: "a private instance", fixtures: dbs }],
    fails: [
        {
            it: "a public instance",
            fixtures: patch(dbs, "db", { publiclyAccessible: true }),
            message: "db (aws:rds/instance:Instance): it is publicly accessible; expected publiclyAccessible: false",
        },
        {
            it: "an instance that does not say",
            fixtures: patch(dbs, "db", { publiclyAccessible: undefined }),
            message: "publiclyAccessible is not set",
        },
    ],
});
