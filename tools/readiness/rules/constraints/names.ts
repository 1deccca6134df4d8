// Identifier rules AWS states in its guides rather than in the API models' patterns.
import { PlannedResource } from "../../../engine/plan";
import { str } from "../../context";
import { stackRule } from "../../rule";
import { RuleInfo } from "../../finding";
import { T } from "../aws";

interface NameRule {
    id: string;
    type: string;
    property: string;
    valid: (name: string) => boolean;
    says: string;
    awsError: string;
    source: string;
}

const rules: NameRule[] = [
    {
        id: "constraints/rds-identifier",
        type: T.rds,
        property: "identifier",
        valid: (n) => /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/.test(n) && !n.endsWith("-"),
        says: "1 to 63 letters, digits or hyphens, starting with a letter, no two hyphens in a row, not ending in a hyphen",
        awsError: "InvalidParameterValue",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints",
    },
    {
        id: "constraints/s3-bucket-name",
        type: T.bucket,
        property: "bucket",
        valid: (n) =>
            /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(n) &&
            !n.includes("..") &&
            !/^\d+\.\d+\.\d+\.\d+$/.test(n) &&
            !/^(xn--|sthree-|amzn-s3-demo-)/.test(n) &&
            !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(n),
        says: "3 to 63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit, no reserved prefix or suffix",
        awsError: "InvalidBucketName",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    },
    {
        id: "constraints/elasticache-replication-group-id",
        type: T.cache,
        property: "replicationGroupId",
        valid: (n) => /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,39}$/.test(n) && !n.endsWith("-"),
        says: "1 to 40 letters, digits or hyphens, starting with a letter, no two hyphens in a row, not ending in a hyphen",
        awsError: "InvalidParameterValue",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
    },
    {
        id: "constraints/iam-role-name",
        type: T.role,
        property: "name",
        valid: (n) => /^[\w+=,.@-]{1,64}$/.test(n),
        says: "1 to 64 characters among letters, digits and +=,.@_-",
        awsError: "ValidationError",
        source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    },
    {
        // botocore 1.29's model predates the current limits (20 characters, no '/').
        id: "constraints/ecr-pull-through-prefix",
        type: T.pullThroughCacheRule,
        property: "ecrRepositoryPrefix",
        valid: (n) =>
            n === "ROOT" ||
            (n.length >= 2 && n.length <= 30 && /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(n)),
        says: "2 to 30 lowercase letters, digits and . _ - separators, in /-separated parts (or ROOT)",
        awsError: "ValidationException",
        source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreatePullThroughCacheRule.html",
    },
];

const nameRule = (n: NameRule) =>
    stackRule(
        {
            id: n.id,
            family: "constraints",
            description: `${n.type.split(":").pop()}.${n.property}: ${n.says}`,
            source: n.source,
        } satisfies RuleInfo,
        (ctx, rule) =>
            ctx
                .ofType(n.type)
                .filter((r: PlannedResource) => str(r.inputs[n.property]) !== undefined && !n.valid(str(r.inputs[n.property])!))
                .map((r) =>
                    ctx.finding(rule, r, {
                        message: `${n.property} "${r.inputs[n.property]}" is refused: ${n.says}`,
                        awsError: n.awsError,
                        fix: `rename it to fit: ${n.says}`,
                    }),
                ),
    );

export const nameRules = rules.map(nameRule);

export const nodeGroupScaling = stackRule(
    {
        id: "constraints/eks-node-group-scaling",
        family: "constraints",
        description: "A node group's scaling config keeps minSize <= desiredSize <= maxSize, maxSize at least 1",
        source: "https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.nodeGroup).flatMap((g) => {
            const { minSize, desiredSize, maxSize } = (g.inputs.scalingConfig ?? {}) as Record<string, number | undefined>;
            if (minSize === undefined || desiredSize === undefined || maxSize === undefined) return [];
            if (minSize <= desiredSize && desiredSize <= maxSize && maxSize >= 1) return [];
            return [
                ctx.finding(rule, g, {
                    message: `EKS refuses scaling config min ${minSize}, desired ${desiredSize}, max ${maxSize}`,
                    awsError: "InvalidParameterException",
                    fix: "keep minSize <= desiredSize <= maxSize and maxSize >= 1",
                }),
            ];
        }),
);
