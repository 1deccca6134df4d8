import { aws, Fixture, patch, res, specControl } from "../../support/controls";
import { byTag, db, PLAN, RDS } from "../baselines/storage";

// AWS Backup's continuous rule owns a selected instance's automated backups: the instance must agree with it.
const pitrPlan = aws(PLAN, "pitr-plan", {
    rules: [
        { ruleName: "hourly", schedule: "cron(0 * * * ? *)", enableContinuousBackup: true, lifecycle: { deleteAfter: 35 } },
        { ruleName: "daily", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 30 } },
    ],
});
const snapshotPlan = aws(PLAN, "snapshot-plan", {
    rules: [{ ruleName: "daily", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 35 } }],
});
const pitrSelection = (p: Fixture) =>
    res("aws:backup/selection:Selection", "phi", { planId: "plan-id", selectionTags: byTag.inputs.selectionTags }, { planId: p });
const pitrDb = (days: number | undefined) => aws(RDS, "db", { ...db.inputs, backupRetentionPeriod: days });
specControl("careplane-rds-backup-single-owner", {
    passes: [
        {
            it: "an instance keeping automated backups as long as the continuous rule",
            fixtures: [pitrDb(35), pitrPlan, pitrSelection(pitrPlan)],
        },
        {
            it: "an instance picked by a snapshot-only plan, RDS keeping its own backups",
            fixtures: [pitrDb(7), snapshotPlan, pitrSelection(snapshotPlan)],
        },
        {
            it: "an instance that leaves its retention to AWS Backup",
            fixtures: [
                {
                    ...pitrDb(7),
                    options: {
                        retainOnDelete: false,
                        deleteBeforeReplace: false,
                        ignoreChanges: ["backupRetentionPeriod"],
                        additionalSecretOutputs: [],
                    },
                },
                pitrPlan,
                pitrSelection(pitrPlan),
            ],
        },
        {
            it: "a replica (RDS keeps no backups of it)",
            fixtures: [
                aws(RDS, "replica", { ...db.inputs, replicateSourceDb: "db-id", backupRetentionPeriod: 0 }),
                pitrPlan,
                pitrSelection(pitrPlan),
            ],
        },
    ],
    fails: [
        {
            it: "35 days of automated backups against a 7-day continuous rule",
            fixtures: [
                pitrDb(35),
                patch([pitrPlan], "pitr-plan", { rules: [{ ...pitrPlan.inputs.rules[0], lifecycle: { deleteAfter: 7 } }] })[0],
                pitrSelection(pitrPlan),
            ],
            message:
                "db (aws:rds/instance:Instance): it keeps automated backups 35 days while AWS Backup's continuous rule keeps them 7 days; expected backupRetentionPeriod equal to the one continuous rule's lifecycle.deleteAfter",
        },
        {
            it: "an instance that does not say, under a continuous rule",
            fixtures: [pitrDb(undefined), pitrPlan, pitrSelection(pitrPlan)],
            message: "it keeps automated backups an unset number of days",
        },
        {
            it: "two continuous rules of different lengths",
            fixtures: [
                pitrDb(35),
                pitrPlan,
                pitrSelection(pitrPlan),
                aws(PLAN, "other-plan", { rules: [{ ruleName: "pitr", enableContinuousBackup: true, lifecycle: { deleteAfter: 14 } }] }),
                res(
                    "aws:backup/selection:Selection",
                    "other",
                    { selectionTags: byTag.inputs.selectionTags },
                    { planId: aws(PLAN, "other-plan") },
                ),
            ],
            message: "continuous rules of 35 and 14 days both claim its automated backups",
        },
    ],
});
