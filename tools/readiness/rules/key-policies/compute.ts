// Keys the compute layer uses: EKS secrets envelope encryption, and EBS volumes Auto Scaling launches.
import { list, str } from "../../context";
import { T } from "../aws";
import { KeyUse, ServiceCase, viaService } from "./simulate-use";

export const eks: ServiceCase = {
    id: "key-policies/eks",
    family: "key-policies",
    description: "The cluster creator may DescribeKey and CreateGrant through EKS on the secrets encryption key",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html",
    awsError: "InvalidParameterException (KMS key access denied)",
    consequence: "EKS refuses to create the cluster with envelope encryption",
    uses: (ctx) =>
        ctx.ofType(T.eks).flatMap((cluster): KeyUse[] => {
            const key = (cluster.inputs.encryptionConfig as any)?.provider?.keyArn;
            if (key === undefined) return [];
            const region = ctx.regionOf(cluster);
            return [
                {
                    holder: cluster,
                    key,
                    calls: ["kms:DescribeKey", "kms:CreateGrant"].map((action) =>
                        viaService(ctx, "eks", region, action, "when the cluster is created"),
                    ),
                },
            ];
        }),
};

const AUTO_SCALING_ROLE = (account: string) =>
    `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

export const autoScalingEbs: ServiceCase = {
    id: "key-policies/autoscaling-ebs",
    family: "key-policies",
    description:
        "The Auto Scaling service-linked role (which launches managed node groups' instances) may use the EBS key and create grants for AWS resources",
    source: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html",
    awsError: "Client.InternalError: Client error on launch",
    consequence: "no instance launches: the node group never gets a node",
    uses: (ctx) =>
        ctx.ofType(T.launchTemplate).flatMap((template): KeyUse[] => {
            const launched =
                ctx
                    .ofType(T.nodeGroup)
                    .some(
                        (g) => ctx.referenced(g, "launchTemplate", T.launchTemplate, (g.inputs.launchTemplate as any)?.id) === template,
                    ) || ctx.ofType("aws:autoscaling/group:Group").some((g) => ctx.graph.waitsFor(g, template));
            if (!launched) return [];
            const principal = AUTO_SCALING_ROLE(ctx.account);
            const region = ctx.regionOf(template);
            return list<any>(template.inputs.blockDeviceMappings)
                .map((m) => str(m?.ebs?.kmsKeyId))
                .filter((k): k is string => k !== undefined)
                .map((key) => ({
                    holder: template,
                    key,
                    calls: [
                        ...["kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt", "kms:ReEncryptFrom", "kms:DescribeKey"].map((action) => ({
                            principal,
                            action,
                            context: { "kms:ViaService": `ec2.${region}.amazonaws.com`, "kms:CallerAccount": ctx.account },
                            identityPolicies: [],
                            when: "for each encrypted volume it launches",
                        })),
                        {
                            principal,
                            action: "kms:CreateGrant",
                            context: { "kms:GrantIsForAWSResource": "true", "kms:CallerAccount": ctx.account },
                            identityPolicies: [],
                            when: "for each encrypted volume it attaches",
                        },
                    ],
                }));
        }),
};
