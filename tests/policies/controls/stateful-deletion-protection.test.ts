import { aws, patch, specControl } from "../../support/controls";
import { guarded, KEY, RDS } from "../baselines/storage";

specControl("careplane-stateful-deletion-protection", {
    passes: [
        { it: "every prod guard in place", fixtures: guarded },
        {
            it: "no guards in dev",
            fixtures: [aws(RDS, "db", { deletionProtection: false, skipFinalSnapshot: true }, {}, "dev")],
            environment: "dev",
        },
        {
            it: "a dev secret deleted at once (its name free for the next stack)",
            fixtures: [aws("aws:secretsmanager/secret:Secret", "db-secret", { kmsKeyId: KEY, recoveryWindowInDays: 0 }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "RDS deletion protection off",
            fixtures: patch(guarded, "db", { deletionProtection: false }),
            message: "db (aws:rds/instance:Instance): deletion protection is off; expected deletionProtection: true",
        },
        {
            it: "RDS without a final snapshot",
            fixtures: patch(guarded, "db", { skipFinalSnapshot: true }),
            message: "it would be deleted without a final snapshot",
        },
        {
            it: "a replica without deletion protection",
            fixtures: patch(guarded, "db-replica", { deletionProtection: undefined }),
            message: "db-replica (aws:rds/instance:Instance): deletion protection is off",
        },
        {
            it: "a cache without a final snapshot",
            fixtures: patch(guarded, "cache", { finalSnapshotIdentifier: undefined }),
            message: "cache (aws:elasticache/replicationGroup:ReplicationGroup): it would be deleted without a final snapshot",
        },
        {
            it: "a force-destroy bucket",
            fixtures: patch(guarded, "documents", { forceDestroy: true }),
            message: "documents (aws:s3/bucket:Bucket): forceDestroy lets Pulumi delete it",
        },
        {
            it: "a force-destroy vault",
            fixtures: patch(guarded, "vault", { forceDestroy: true }),
            message: "vault (aws:backup/vault:Vault): forceDestroy",
        },
        {
            it: "a 7-day key deletion window",
            fixtures: patch(guarded, "data-key", { deletionWindowInDays: 7 }),
            message: "its deletion window is 7 days; expected deletionWindowInDays: 30",
        },
        {
            it: "a secret deleted without recovery",
            fixtures: patch(guarded, "db-secret", { recoveryWindowInDays: 0 }),
            message: "its recovery window is 0 days; expected recoveryWindowInDays of 30",
        },
        {
            it: "a secret with the shortest window AWS offers",
            fixtures: patch(guarded, "db-secret", { recoveryWindowInDays: 7 }),
            message: "db-secret (aws:secretsmanager/secret:Secret): its recovery window is 7 days",
        },
        {
            it: "an Aurora cluster without deletion protection",
            fixtures: patch(guarded, "aurora", { deletionProtection: false }),
            message: "aurora (aws:rds/cluster:Cluster): deletion protection is off",
        },
        {
            it: "an Aurora cluster without a final snapshot",
            fixtures: patch(guarded, "aurora", { finalSnapshotIdentifier: undefined }),
            message: "aurora (aws:rds/cluster:Cluster): it would be deleted without a final snapshot",
        },
        {
            it: "a force-destroy BucketV2",
            fixtures: patch(guarded, "archive", { forceDestroy: true }),
            message: "archive (aws:s3/bucketV2:BucketV2): forceDestroy lets Pulumi delete it",
        },
        {
            it: "a DynamoDB table without deletion protection",
            fixtures: patch(guarded, "sessions", { deletionProtectionEnabled: false }),
            message: "sessions (aws:dynamodb/table:Table): deletion protection is off; expected deletionProtectionEnabled: true",
        },
    ],
});
