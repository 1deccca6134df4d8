// Default service quotas, summed over the stacks that share an account and region.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { runRule } from "../../rule";
import { Finding } from "../../finding";
import { T } from "../aws";
import { byAccount, where } from "./groups";

interface Quota {
    what: string;
    limit: number;
    /** Each resource's contribution (1 unless said: a replication group counts its nodes). */
    count?: (r: PlannedResource) => number;
    type: string;
    /** A narrower scope than the region (NAT gateways count per Availability Zone). */
    scope?: (ctx: ReadinessContext, r: PlannedResource) => string | undefined;
    awsError: string;
    source: string;
}

const QUOTAS: Quota[] = [
    {
        what: "Elastic IP addresses",
        limit: 5,
        type: T.eip,
        awsError: "AddressLimitExceeded",
        source: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
    },
    {
        what: "VPCs",
        limit: 5,
        type: T.vpc,
        awsError: "VpcLimitExceeded",
        source: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
    },
    {
        what: "internet gateways",
        limit: 5,
        type: T.internetGateway,
        awsError: "InternetGatewayLimitExceeded",
        source: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
    },
    {
        what: "NAT gateways per Availability Zone",
        limit: 5,
        type: T.natGateway,
        scope: (ctx, r) => str(ctx.resolve(r, r.inputs.subnetId, T.subnet)?.inputs.availabilityZone),
        awsError: "NatGatewayLimitExceeded",
        source: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
    },
    {
        what: "EKS clusters",
        limit: 100,
        type: T.eks,
        awsError: "ResourceLimitExceededException",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html",
    },
    {
        what: "RDS DB instances",
        limit: 40,
        type: T.rds,
        awsError: "InstanceQuotaExceeded",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html",
    },
    {
        what: "ElastiCache nodes",
        limit: 300,
        type: T.cache,
        count: (r) => {
            const i = r.inputs as Record<string, any>;
            if (typeof i.numCacheClusters === "number") return i.numCacheClusters;
            return (
                (typeof i.numNodeGroups === "number" ? i.numNodeGroups : 1) *
                (1 + (typeof i.replicasPerNodeGroup === "number" ? i.replicasPerNodeGroup : 0))
            );
        },
        awsError: "NodeQuotaForCustomerExceeded",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/quota-limits.html",
    },
    {
        what: "CloudTrail trails",
        limit: 5,
        type: T.trail,
        awsError: "MaximumNumberOfTrailsExceededException",
        source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html",
    },
    {
        what: "backup vaults",
        limit: 100,
        type: T.vault,
        awsError: "LimitExceededException",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html",
    },
];

export const quotaRules = QUOTAS.map((q) =>
    runRule(
        {
            id: `account/quota-${q.what.split(" ")[0].toLowerCase()}${q.scope ? "-per-zone" : ""}`,
            family: "account",
            description: `At most ${q.limit} ${q.what} per account and region (the default quota), over every stack sharing them`,
            source: q.source,
        },
        (stacks, rule) => {
            const findings: Finding[] = [];
            for (const [key, placed] of byAccount(stacks, (ctx) => ctx.ofType(q.type), true)) {
                const scopes = new Map<string, typeof placed>();
                for (const p of placed) {
                    const scope = q.scope?.(p.ctx, p.resource) ?? "";
                    scopes.set(scope, [...(scopes.get(scope) ?? []), p]);
                }
                for (const [scope, members] of scopes) {
                    const total = members.reduce((n, p) => n + (q.count?.(p.resource) ?? 1), 0);
                    if (total <= q.limit) continue;
                    const perStack = [...new Set(members.map((m) => m.ctx.plan.stack))].map(
                        (s) =>
                            `${s} ${members.filter((m) => m.ctx.plan.stack === s).reduce((n, p) => n + (q.count?.(p.resource) ?? 1), 0)}`,
                    );
                    const last = members[members.length - 1];
                    findings.push(
                        last.ctx.finding(rule, last.resource, {
                            message: `${where(key)}${scope ? ` (${scope})` : ""} would hold ${total} ${q.what} (${perStack.join(", ")}); the default quota is ${q.limit}: the last ones created fail`,
                            awsError: q.awsError,
                            fix: "give each environment its own account (the example layout), or request a quota increase in Service Quotas before the first deploy",
                        }),
                    );
                }
            }
            return findings;
        },
    ),
);
