import { PropsOf } from "./resource-types";
import { isType, Subject } from "./control";
export const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";

/** Standalone cache clusters that belong to a replication group take its settings. */
export function standsAlone(subject: Subject, props: PropsOf<typeof REPLICATION_GROUP | typeof CACHE_CLUSTER>): boolean {
    return subject.type === REPLICATION_GROUP || (isType(subject, CACHE_CLUSTER, props) && !props.replicationGroupId);
}
