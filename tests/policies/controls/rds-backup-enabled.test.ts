import { aws, patch, specControl } from "../../support/controls";
import { aurora, dbs, primaryInputs, RDS, replica } from "../baselines/data";

specControl("careplane-rds-backup-enabled", {
    passes: [
        { it: "a primary keeping 35 days and a replica keeping none", fixtures: [...dbs, replica] },
        {
            it: "a dev primary keeping 1 day",
            fixtures: [aws(RDS, "db", { ...primaryInputs, backupRetentionPeriod: 1 }, {}, "dev")],
            environment: "dev",
        },
        { it: "an Aurora cluster keeping 35 days", fixtures: [aurora] },
    ],
    fails: [
        {
            it: "backups off",
            fixtures: patch(dbs, "db", { backupRetentionPeriod: 0 }),
            message: "automated backups are kept 0 days; expected backupRetentionPeriod of at least 7 days in prod",
        },
        {
            it: "backups unset",
            fixtures: patch(dbs, "db", { backupRetentionPeriod: undefined }),
            message: "backupRetentionPeriod is not set",
        },
        { it: "3 days in prod", fixtures: patch(dbs, "db", { backupRetentionPeriod: 3 }), message: "automated backups are kept 3 days" },
        {
            it: "an Aurora cluster keeping 1 day in prod",
            fixtures: patch([aurora], "aurora", { backupRetentionPeriod: 1 }),
            message: "aurora (aws:rds/cluster:Cluster): automated backups are kept 1 days",
        },
    ],
});
