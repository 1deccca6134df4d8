// What RDS requires of a DB snapshot it is asked to share with other accounts.
import { PlannedResource } from "../../../engine/plan";
import { list, ReadinessContext, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";
import { replicaSource } from "./rds";

const SNAPSHOT = "aws:rds/snapshot:Snapshot";
const SNAPSHOT_COPY = "aws:rds/snapshotCopy:SnapshotCopy";
/** The AWS managed key of RDS, by alias: what RDS encrypts with when no customer key is named. */
const AWS_MANAGED = /^(arn:aws[a-z-]*:kms:[^:]*:\d{12}:)?alias\/aws\/rds$/;

/** The key a snapshot is encrypted under: a copy's own, or the instance's for a snapshot; undefined = the AWS managed key. */
function keyOf(ctx: ReadinessContext, snapshot: PlannedResource): unknown {
    if (snapshot.type === SNAPSHOT_COPY) return snapshot.inputs.kmsKeyId;
    const instance = ctx.referenced(snapshot, "dbInstanceIdentifier", T.rds, str(snapshot.inputs.dbInstanceIdentifier));
    const origin = instance && (replicaSource(ctx, instance) ?? instance);
    return origin ? origin.inputs.kmsKeyId : "unknown";
}

/**
 * "Sharing encrypted snapshots" (Amazon RDS User Guide): "You can't share a snapshot that has been
 * encrypted using the default KMS key of the AWS account that shared the snapshot"; copy it under a
 * customer managed key first, and share the copy.
 */
export const sharedSnapshotKey = stackRule(
    {
        id: "prerequisites/rds-shared-snapshot-key",
        family: "prerequisites",
        description: "A DB snapshot shared with other accounts is encrypted under a customer managed key, never RDS's AWS managed key",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html",
    },
    (ctx, rule) =>
        [...ctx.ofType(SNAPSHOT), ...ctx.ofType(SNAPSHOT_COPY)].flatMap((snapshot) => {
            if (list(snapshot.inputs.sharedAccounts).length === 0) return [];
            const key = keyOf(ctx, snapshot);
            const managed = key === undefined || AWS_MANAGED.test(str(key) ?? "");
            if (!managed) return [];
            return [
                ctx.finding(rule, snapshot, {
                    message: `RDS refuses to share ${str(snapshot.inputs.dbSnapshotIdentifier) ?? str(snapshot.inputs.targetDbSnapshotIdentifier) ?? snapshot.name} with ${list(snapshot.inputs.sharedAccounts).join(", ")}: it is encrypted under the AWS managed key (alias/aws/rds)`,
                    fix: "copy the snapshot under a customer managed key whose policy admits the receiving accounts (aws.rds.SnapshotCopy with kmsKeyId) and share the copy",
                }),
            ];
        }),
);
