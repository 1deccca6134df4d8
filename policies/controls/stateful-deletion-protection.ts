import { PropsOf } from "../lib/resource-types";
import { Finding, resourceControl } from "../lib/control";
import { PROD_KEY_DELETION_WINDOW_DAYS, PROD_SECRET_RECOVERY_WINDOW_DAYS } from "../lib/minimums";
import { isReplica, RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";
import { statefulTypes } from "../lib/stateful";

type Guard<T extends StatefulType> = (props: PropsOf<T>) => Finding | undefined;
type StatefulType = (typeof statefulTypes)[number];

const finalSnapshot: Guard<typeof RDS_INSTANCE | typeof RDS_CLUSTER> = (p) =>
    p.skipFinalSnapshot === true || !p.finalSnapshotIdentifier
        ? {
              problem: "it would be deleted without a final snapshot",
              expected: "finalSnapshotIdentifier set and skipFinalSnapshot not true",
          }
        : undefined;

const rdsDeletionProtection: Guard<typeof RDS_INSTANCE | typeof RDS_CLUSTER> = (p) =>
    p.deletionProtection === true ? undefined : { problem: "deletion protection is off", expected: "deletionProtection: true" };

const noForceDestroy: Guard<"aws:s3/bucket:Bucket" | "aws:s3/bucketV2:BucketV2" | "aws:backup/vault:Vault"> = (p) =>
    p.forceDestroy === true
        ? { problem: "forceDestroy lets Pulumi delete it with everything in it", expected: "forceDestroy unset or false" }
        : undefined;

/** Each stateful type's own guard against deletion, as AWS offers it. */
const guards: { [T in StatefulType]: Guard<T>[] } = {
    "aws:rds/instance:Instance": [rdsDeletionProtection, (p) => (isReplica(p) ? undefined : finalSnapshot(p))],
    "aws:rds/cluster:Cluster": [rdsDeletionProtection, finalSnapshot],
    "aws:elasticache/replicationGroup:ReplicationGroup": [
        (p) =>
            p.finalSnapshotIdentifier
                ? undefined
                : { problem: "it would be deleted without a final snapshot", expected: "finalSnapshotIdentifier set" },
    ],
    "aws:s3/bucket:Bucket": [noForceDestroy],
    "aws:s3/bucketV2:BucketV2": [noForceDestroy],
    "aws:backup/vault:Vault": [noForceDestroy],
    "aws:kms/key:Key": [
        (p) =>
            p.deletionWindowInDays === PROD_KEY_DELETION_WINDOW_DAYS
                ? undefined
                : {
                      problem: `its deletion window is ${p.deletionWindowInDays ?? "unset"} days`,
                      expected: `deletionWindowInDays: ${PROD_KEY_DELETION_WINDOW_DAYS} (the longest AWS allows)`,
                  },
    ],
    "aws:secretsmanager/secret:Secret": [
        (p) =>
            typeof p.recoveryWindowInDays === "number" && p.recoveryWindowInDays >= PROD_SECRET_RECOVERY_WINDOW_DAYS
                ? undefined
                : {
                      problem: `its recovery window is ${p.recoveryWindowInDays ?? "unset"} days`,
                      expected: `recoveryWindowInDays of ${PROD_SECRET_RECOVERY_WINDOW_DAYS}`,
                  },
    ],
    "aws:dynamodb/table:Table": [
        (p) =>
            p.deletionProtectionEnabled === true
                ? undefined
                : { problem: "deletion protection is off", expected: "deletionProtectionEnabled: true" },
    ],
    "aws:efs/fileSystem:FileSystem": [],
};

export const statefulDeletionProtection = resourceControl({
    name: "careplane-stateful-deletion-protection",
    description:
        "In prod every stateful resource has its own AWS-side guard against deletion: RDS deletion protection and final snapshots, cache final snapshots, no force-destroy on buckets and vaults, the longest key deletion window, a 30-day secret recovery window.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)", "164.310(d)(2)(iv)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSInstanceDeletionProtectionEnabled"],
    types: statefulTypes,
    check: (props, subject) => {
        if (subject.environment !== "prod") return [];
        return (guards[subject.type] as Guard<StatefulType>[]).map((g) => g(props)).filter((f): f is Finding => f !== undefined);
    },
});
