import { stackControl } from "../lib/control";
import { selects, SELECTION } from "../lib/backup";
import { isReplica, RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";
import { ofType } from "../lib/stack";

const STORES = [RDS_INSTANCE, RDS_CLUSTER, "aws:dynamodb/table:Table", "aws:efs/fileSystem:FileSystem", "aws:ebs/volume:Volume"] as const;

export const backupPhiStoresSelected = stackControl({
    name: "careplane-backup-phi-stores-selected",
    description:
        "Every data store (RDS primaries and clusters, DynamoDB, EFS, EBS) is picked by an AWS Backup selection, by ARN or by tag, so no PHI store is outside the backup plan.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [
        "HIPAA.Security-RDSInBackupPlan",
        "HIPAA.Security-DynamoDBInBackupPlan",
        "HIPAA.Security-EFSInBackupPlan",
        "HIPAA.Security-EC2EBSInBackupPlan",
    ],
    types: [...STORES, SELECTION],
    check: (resources, report) => {
        const selections = ofType(resources, SELECTION);
        for (const store of ofType(resources, ...STORES)) {
            if (store.type === RDS_INSTANCE && isReplica(store.props)) continue;
            if (!selections.some((s) => selects(s, store))) {
                report(store, {
                    problem: "no AWS Backup selection picks it",
                    expected: "an aws.backup.Selection naming its ARN or matching one of its tags (e.g. Backup=true)",
                });
            }
        }
    },
});
