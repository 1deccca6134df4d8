import { resourceControl } from "../lib/control";
import { CACHE_CLUSTER, REPLICATION_GROUP, standsAlone } from "../lib/elasticache";
import { cacheSnapshotRetentionDays } from "../lib/minimums";

export const elasticacheSnapshotRetention = resourceControl({
    name: "careplane-elasticache-snapshot-retention",
    description: "Redis keeps automatic daily snapshots: at least 15 days in prod, at least 1 day elsewhere.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup"],
    types: [REPLICATION_GROUP, CACHE_CLUSTER],
    check: (props, subject) => {
        if (!standsAlone(subject, props) || (props.engine && props.engine !== "redis" && props.engine !== "valkey")) return undefined;
        const env = subject.environment;
        const minimum = cacheSnapshotRetentionDays[env];
        const days = props.snapshotRetentionLimit;
        if (typeof days === "number" && days >= minimum) return undefined;
        return {
            problem:
                typeof days === "number"
                    ? `snapshots are kept ${days} days`
                    : "automatic snapshots are off (snapshotRetentionLimit not set)",
            expected: `snapshotRetentionLimit of at least ${minimum} days in ${env}`,
        };
    },
});
