export const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";

/** Standalone cache clusters that belong to a replication group take its settings. */
export function standsAlone(type: string, props: any): boolean {
    return type === REPLICATION_GROUP || !props.replicationGroupId;
}
