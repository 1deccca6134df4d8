export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";

/** A read replica takes its data, backups and failover from its source. */
export function isReplica(props: { replicateSourceDb?: string }): boolean {
    return typeof props.replicateSourceDb === "string" && props.replicateSourceDb !== "";
}

/** CloudWatch log types each engine can export; careplane exports all of them. */
export const logTypesByEngine: Record<string, string[]> = {
    postgres: ["postgresql", "upgrade"],
    "aurora-postgresql": ["postgresql"],
    mysql: ["audit", "error", "general", "slowquery"],
    mariadb: ["audit", "error", "general", "slowquery"],
    "aurora-mysql": ["audit", "error", "general", "slowquery"],
};
