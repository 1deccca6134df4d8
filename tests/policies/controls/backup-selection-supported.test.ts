import { aws, res, specControl } from "../../support/controls";
import { tagsFor } from "../../support/engine";
import { byTag, db } from "../baselines/storage";

// AWS Backup has no ElastiCache support: a selection that picks a cache protects nothing.
const REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
const NODE = "aws:elasticache/cluster:Cluster";
const untaggedCache = aws(REDIS, "cache", { engine: "redis", snapshotRetentionLimit: 15 });
const taggedCache = aws(REDIS, "cache", {
    engine: "redis",
    snapshotRetentionLimit: 15,
    tags: { ...tagsFor("prod"), Backup: "true" },
});
specControl("careplane-backup-selection-supported", {
    passes: [
        { it: "a cache no selection picks, beside a database the tag selection picks", fixtures: [db, byTag, untaggedCache] },
        { it: "a tagged cache with no backup selection in the stack", fixtures: [taggedCache] },
        { it: "a standalone cache cluster no selection picks", fixtures: [db, byTag, aws(NODE, "node", { engine: "redis" })] },
    ],
    fails: [
        {
            it: "a cache the tag selection picks",
            fixtures: [db, byTag, taggedCache],
            message:
                "cache (aws:elasticache/replicationGroup:ReplicationGroup): an AWS Backup selection picks it, but AWS Backup does not back up ElastiCache",
        },
        {
            it: "a cache named by ARN in a selection",
            fixtures: [
                untaggedCache,
                res("aws:backup/selection:Selection", "arns", { resources: ["arn:cache"] }, { resources: untaggedCache }),
            ],
            message: "an AWS Backup selection picks it",
        },
        {
            it: "a standalone cache cluster the tag selection picks",
            fixtures: [db, byTag, aws(NODE, "node", { engine: "redis", tags: { ...tagsFor("prod"), Backup: "true" } })],
            message: "node (aws:elasticache/cluster:Cluster): an AWS Backup selection picks it",
        },
    ],
});
