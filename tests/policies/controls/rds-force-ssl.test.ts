import { aws, patch, specControl } from "../../support/controls";
import { dbs, primaryInputs, RDS, replica } from "../baselines/data";

specControl("careplane-rds-force-ssl", {
    passes: [{ it: "primary and replica on a parameter group forcing SSL", fixtures: [...dbs, replica] }],
    fails: [
        {
            it: "a parameter group without rds.force_ssl",
            fixtures: patch(dbs, "pg", { parameters: [{ name: "log_connections", value: "1" }] }),
            message: "db (aws:rds/instance:Instance): its parameter group pg does not set rds.force_ssl = 1",
        },
        {
            it: "rds.force_ssl = 0",
            fixtures: patch(dbs, "pg", { parameters: [{ name: "rds.force_ssl", value: "0" }] }),
            message: "does not set rds.force_ssl = 1",
        },
        {
            it: "the default parameter group",
            fixtures: [aws(RDS, "db", { ...primaryInputs, parameterGroupName: "default.postgres16" })],
            message: 'it uses parameter group "default.postgres16", not one declared in this stack',
        },
    ],
});
