import { stackControl } from "../lib/control";
import { PLAN, SELECTION, selects } from "../lib/backup";
import { isReplica, RDS_INSTANCE } from "../lib/rds";
import { ofType, referencedBy, StackResource, Typed } from "../lib/stack";

/**
 * Days of the continuous (point-in-time) rules of the plans that select an instance. AWS Backup's
 * continuous backups of RDS are the instance's automated backups, kept as long as the continuous rule
 * says (AWS Backup developer guide: "Amazon RDS backups"; "Continuous backups and point-in-time
 * recovery (PITR)": retention 1 to 35 days, changed through the backup plan only).
 */
function continuousRetentions(resources: StackResource[], instance: Typed<typeof RDS_INSTANCE>): Array<number | undefined> {
    return ofType(resources, SELECTION)
        .filter((s) => selects(s, instance))
        .flatMap((s) => ofType(referencedBy(s, "planId"), PLAN))
        .flatMap((plan) => plan.props.rules ?? [])
        .filter((rule) => rule.enableContinuousBackup === true)
        .map((rule) => rule.lifecycle?.deleteAfter);
}

export const rdsBackupSingleOwner = stackControl({
    name: "careplane-rds-backup-single-owner",
    description:
        "An RDS instance that AWS Backup keeps continuously has one owner for its automated backups: its backupRetentionPeriod equals the continuous rule's retention (or the program leaves the value to AWS Backup with ignoreChanges), so RDS and AWS Backup do not rewrite each other's setting on every deploy.",
    hipaa: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [RDS_INSTANCE, SELECTION],
    check: (resources, report) => {
        for (const instance of ofType(resources, RDS_INSTANCE)) {
            if (isReplica(instance.props)) continue;
            const retentions = continuousRetentions(resources, instance);
            if (retentions.length === 0 || instance.opts?.ignoreChanges?.includes("backupRetentionPeriod")) continue;
            const days = instance.props.backupRetentionPeriod;
            const owned = new Set(retentions);
            if (owned.size === 1 && owned.has(days)) continue;
            report(instance, {
                problem:
                    owned.size > 1
                        ? `continuous rules of ${[...owned].join(" and ")} days both claim its automated backups`
                        : `it keeps automated backups ${days ?? "an unset number of"} days while AWS Backup's continuous rule keeps them ${retentions[0]} days`,
                expected:
                    "backupRetentionPeriod equal to the one continuous rule's lifecycle.deleteAfter, or ignoreChanges on backupRetentionPeriod",
            });
        }
    },
});
