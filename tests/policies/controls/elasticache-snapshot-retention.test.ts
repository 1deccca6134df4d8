import { aws, patch, specControl } from "../../support/controls";
import { cache, cacheInputs, RG } from "../baselines/data";

specControl("careplane-elasticache-snapshot-retention", {
    passes: [
        { it: "15 days in prod", fixtures: cache },
        { it: "1 day in dev", fixtures: [aws(RG, "cache", { ...cacheInputs, snapshotRetentionLimit: 1 }, {}, "dev")], environment: "dev" },
        {
            it: "a standalone Redis cluster keeping 15 days in prod, and a member of a replication group leaving snapshots to it",
            fixtures: [
                aws("aws:elasticache/cluster:Cluster", "node", { engine: "redis", snapshotRetentionLimit: 15 }),
                aws("aws:elasticache/cluster:Cluster", "member", { replicationGroupId: "cache" }),
            ],
        },
    ],
    fails: [
        {
            it: "14 days in prod",
            fixtures: patch(cache, "cache", { snapshotRetentionLimit: 14 }),
            message: "snapshots are kept 14 days; expected snapshotRetentionLimit of at least 15 days in prod",
        },
        {
            it: "snapshots off",
            fixtures: patch(cache, "cache", { snapshotRetentionLimit: undefined }),
            message: "automatic snapshots are off",
        },
        {
            it: "a standalone Redis cluster without snapshots",
            fixtures: [aws("aws:elasticache/cluster:Cluster", "node", { engine: "redis" })],
            message: "node (aws:elasticache/cluster:Cluster): automatic snapshots are off",
        },
    ],
});
