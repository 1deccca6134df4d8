import { PolicyResource } from "@pulumi/policy";
import { stackControl } from "../lib/control";
import { SELECTION } from "../lib/backup";
import { isReplica, RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";
import { ofType, referencedBy } from "../lib/stack";

const STORES = [RDS_INSTANCE, RDS_CLUSTER, "aws:dynamodb/table:Table", "aws:efs/fileSystem:FileSystem", "aws:ebs/volume:Volume"];

/** Tag pairs a selection picks resources by (selectionTags and StringEquals conditions). */
function tagPairs(selection: PolicyResource): Array<[string, string]> {
    const byTag = (selection.props.selectionTags ?? [])
        .filter((t: any) => t.type === "STRINGEQUALS")
        .map((t: any) => [t.key, t.value] as [string, string]);
    const byCondition = (selection.props.conditions ?? [])
        .flatMap((c: any) => c.stringEquals ?? [])
        .map((c: any) => [String(c.key).replace(/^aws:ResourceTag\//, ""), c.value] as [string, string]);
    return [...byTag, ...byCondition];
}

function selects(selection: PolicyResource, store: PolicyResource): boolean {
    if (referencedBy(selection, "notResources").some((d) => d.urn === store.urn)) return false;
    if (referencedBy(selection, "resources").some((d) => d.urn === store.urn)) return true;
    if ((selection.props.resources ?? []).includes("*")) return tagPairs(selection).every(([k, v]) => store.props.tags?.[k] === v);
    const pairs = tagPairs(selection);
    return pairs.length > 0 && pairs.some(([k, v]) => store.props.tags?.[k] === v);
}

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
