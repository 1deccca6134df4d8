import { isType, resourceControl } from "../lib/control";
import { rdsBackupRetentionDays } from "../lib/minimums";
import { isReplica, RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";

export const rdsBackupEnabled = resourceControl({
    name: "careplane-rds-backup-enabled",
    description:
        "Primary databases keep automated backups (point-in-time recovery) for at least their environment's minimum: 1 day in dev and test, 7 in staging and prod.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSInstanceBackupEnabled"],
    types: [RDS_INSTANCE, RDS_CLUSTER],
    check: (props, subject) => {
        if (isType(subject, RDS_INSTANCE, props) && isReplica(props)) return undefined;
        const env = subject.environment;
        const minimum = rdsBackupRetentionDays[env];
        const days = props.backupRetentionPeriod;
        if (typeof days === "number" && days >= minimum) return undefined;
        return {
            problem: typeof days === "number" ? `automated backups are kept ${days} days` : "backupRetentionPeriod is not set",
            expected: `backupRetentionPeriod of at least ${minimum} days in ${env}`,
        };
    },
});
