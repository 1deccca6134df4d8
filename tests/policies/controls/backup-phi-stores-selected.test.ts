import { aws, res, specControl } from "../../support/controls";
import { byTag, db, RDS } from "../baselines/storage";

specControl("careplane-backup-phi-stores-selected", {
    passes: [
        {
            it: "a database picked by tag (its replica exempt)",
            fixtures: [db, byTag, aws(RDS, "db-replica", { replicateSourceDb: "db-id" })],
        },
        {
            it: "a database picked by ARN",
            fixtures: [db, res("aws:backup/selection:Selection", "arns", { resources: ["arn:db"] }, { resources: db })],
        },
        {
            it: "a database picked by a condition",
            fixtures: [
                db,
                res("aws:backup/selection:Selection", "cond", {
                    resources: ["*"],
                    conditions: [{ stringEquals: [{ key: "aws:ResourceTag/Backup", value: "true" }] }],
                }),
            ],
        },
    ],
    fails: [
        {
            it: "a database no selection picks",
            fixtures: [db],
            message: "db (aws:rds/instance:Instance): no AWS Backup selection picks it",
        },
        {
            it: "a database without the selected tag",
            fixtures: [aws(RDS, "db", { engine: "postgres" }), byTag],
            message: "no AWS Backup selection picks it",
        },
        {
            it: "an EFS file system no selection picks",
            fixtures: [db, byTag, aws("aws:efs/fileSystem:FileSystem", "files", { encrypted: true })],
            message: "files (aws:efs/fileSystem:FileSystem): no AWS Backup selection picks it",
        },
    ],
});
