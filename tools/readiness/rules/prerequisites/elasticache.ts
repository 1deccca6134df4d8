// What ElastiCache requires of a replication group's settings taken together.
import { PlannedResource } from "../../../engine/plan";
import { list } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

const source = "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html";

/** Cluster mode: said outright, or implied by more than one shard. */
export function clusterModeOn(group: PlannedResource): boolean {
    const i = group.inputs;
    return i.clusterMode === "enabled" || (typeof i.numNodeGroups === "number" && i.numNodeGroups > 1);
}

function nodesPerShard(group: PlannedResource): number {
    const i = group.inputs as Record<string, any>;
    if (typeof i.numCacheClusters === "number") return i.numCacheClusters;
    return 1 + (typeof i.replicasPerNodeGroup === "number" ? i.replicasPerNodeGroup : 0);
}

export const failoverRequirements = stackRule(
    {
        id: "prerequisites/elasticache-failover",
        family: "prerequisites",
        description: "Cluster mode and Multi-AZ need automatic failover; automatic failover needs a replica",
        source,
    },
    (ctx, rule) =>
        ctx.ofType(T.cache).flatMap((group) => {
            const failover = group.inputs.automaticFailoverEnabled === true;
            const problems: string[] = [];
            if (clusterModeOn(group) && !failover)
                problems.push("cluster mode (Redis OSS cluster-enabled) requires automaticFailoverEnabled: true");
            if (group.inputs.multiAzEnabled === true && !failover) problems.push("multiAzEnabled requires automaticFailoverEnabled: true");
            if (failover && nodesPerShard(group) < 2) problems.push("automatic failover needs at least one replica per shard");
            return problems.map((p) =>
                ctx.finding(rule, group, {
                    message: `ElastiCache refuses the replication group: ${p}`,
                    awsError: "InvalidParameterCombination",
                    fix: "enable automatic failover with at least one replica per shard, or turn cluster mode and Multi-AZ off",
                }),
            );
        }),
);

export const authNeedsTls = stackRule(
    {
        id: "prerequisites/elasticache-auth-needs-tls",
        family: "prerequisites",
        description: "An AUTH token is accepted only with in-transit encryption",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
    },
    (ctx, rule) =>
        ctx
            .ofType(T.cache)
            .filter((g) => g.inputs.authToken !== undefined && g.inputs.transitEncryptionEnabled !== true)
            .map((g) =>
                ctx.finding(rule, g, {
                    message: "ElastiCache accepts an AUTH token only when in-transit encryption is enabled",
                    awsError: "InvalidParameterValue",
                    fix: "set transitEncryptionEnabled: true",
                }),
            ),
);

export const atRestKeyNeedsEncryption = stackRule(
    {
        id: "prerequisites/elasticache-kms-needs-at-rest",
        family: "prerequisites",
        description: "A customer managed key for a replication group needs at-rest encryption enabled",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    },
    (ctx, rule) =>
        ctx
            .ofType(T.cache)
            .filter((g) => g.inputs.kmsKeyId !== undefined && g.inputs.atRestEncryptionEnabled !== true)
            .map((g) =>
                ctx.finding(rule, g, {
                    message: "ElastiCache uses a customer managed key only for a group with at-rest encryption",
                    awsError: "InvalidParameterCombination",
                    fix: "set atRestEncryptionEnabled: true",
                }),
            ),
);

export const clusterModeParameter = stackRule(
    {
        id: "prerequisites/elasticache-cluster-mode-parameter",
        family: "prerequisites",
        description: "The parameter group's cluster-enabled setting matches the group's cluster mode",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.cache).flatMap((group) => {
            const parameters = ctx.referenced(group, "parameterGroupName", T.cacheParameterGroup);
            const setting = list<{ name?: string; value?: string }>(parameters?.inputs.parameters).find(
                (p) => p.name === "cluster-enabled",
            )?.value;
            if (!parameters || setting === undefined) return [];
            const wanted = clusterModeOn(group) ? "yes" : "no";
            if (setting === wanted) return [];
            return [
                ctx.finding(rule, group, {
                    message: `the parameter group sets cluster-enabled ${setting}, but the group runs with cluster mode ${wanted === "yes" ? "on" : "off"}`,
                    awsError: "InvalidParameterCombination",
                    fix: `set cluster-enabled to ${wanted} (or use the default parameter group of the family${wanted === "yes" ? " with .cluster.on" : ""})`,
                }),
            ];
        }),
);
