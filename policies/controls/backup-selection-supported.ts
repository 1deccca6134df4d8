import { stackControl } from "../lib/control";
import { selects, SELECTION } from "../lib/backup";
import { CACHE_CLUSTER, REPLICATION_GROUP } from "../lib/elasticache";
import { ofType } from "../lib/stack";

/**
 * Stores AWS Backup cannot back up: its supported resources list no ElastiCache ("What is AWS
 * Backup?", Supported AWS resources). A selection that seems to pick one creates no recovery point.
 */
const UNSUPPORTED = [REPLICATION_GROUP, CACHE_CLUSTER] as const;

export const backupSelectionSupported = stackControl({
    name: "careplane-backup-selection-supported",
    description:
        "No AWS Backup selection picks a store AWS Backup cannot back up (ElastiCache): it would look protected and never get a recovery point. Redis is backed up by its own automatic snapshots (careplane-elasticache-snapshot-retention).",
    hipaa: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [...UNSUPPORTED, SELECTION],
    check: (resources, report) => {
        const selections = ofType(resources, SELECTION);
        for (const store of ofType(resources, ...UNSUPPORTED)) {
            if (!selections.some((s) => selects(s, store))) continue;
            report(store, {
                problem: "an AWS Backup selection picks it, but AWS Backup does not back up ElastiCache",
                expected: "no Backup tag (and no ARN in a selection); automatic snapshots through snapshotRetentionLimit",
            });
        }
    },
});
