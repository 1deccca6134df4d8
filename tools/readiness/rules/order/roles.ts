// A resource that hands an IAM role to an AWS service waits until the role has its permissions:
// the service checks them when the resource is created (or its first job runs).
import { Severity } from "../../finding";
import { stackRule } from "../../rule";
import { grantsOf, T } from "../aws";

interface Handover {
    type: string;
    property: string;
    severity: Severity;
    awsError: string;
    effect: string;
}

const HANDOVERS: Handover[] = [
    {
        type: T.trail,
        property: "cloudWatchLogsRoleArn",
        severity: "blocker",
        awsError: "InvalidCloudWatchLogsRoleArnException",
        effect: "CloudTrail finds the role without permission to write and refuses the trail",
    },
    {
        type: T.flowLog,
        property: "iamRoleArn",
        severity: "blocker",
        awsError: "Access error (DeliverLogsErrorMessage)",
        effect: "the flow log is created with a role that cannot write; delivery fails",
    },
    {
        type: T.rds,
        property: "monitoringRoleArn",
        severity: "blocker",
        awsError:
            "InvalidParameterValue (IAM role ARN value is invalid or does not include the required permissions for: ENHANCED_MONITORING)",
        effect: "RDS checks the monitoring role's permissions and refuses the instance",
    },
    {
        type: T.eks,
        property: "roleArn",
        severity: "blocker",
        awsError: "InvalidParameterException (The provided role doesn't have the Amazon EKS Managed Policies associated with it)",
        effect: "EKS checks the cluster role's policies and refuses the cluster",
    },
    {
        type: T.nodeGroup,
        property: "nodeRoleArn",
        severity: "blocker",
        awsError: "NodeCreationFailure (Instances failed to join the kubernetes cluster)",
        effect: "nodes start without the worker policies and never join",
    },
    {
        type: T.addon,
        property: "serviceAccountRoleArn",
        severity: "warning",
        awsError: "DEGRADED",
        effect: "the add-on's pods start without their AWS permissions and crash-loop until IAM catches up",
    },
    {
        type: T.replication,
        property: "role",
        severity: "warning",
        awsError: "replication status FAILED",
        effect: "objects written before the role's policy lands never replicate",
    },
    {
        type: T.backupSelection,
        property: "iamRoleArn",
        severity: "warning",
        awsError: "backup job FAILED (access denied)",
        effect: "the first backup jobs run without the role's permissions",
    },
];

export const roleGrantsFirst = stackRule(
    {
        id: "order/role-permissions-before-use",
        family: "order",
        description:
            "A trail, flow log, RDS instance, EKS cluster or node group (and the like) waits for every policy attachment of the role it hands to AWS",
        source: "https://www.pulumi.com/registry/packages/aws/api-docs/eks/cluster/#example-iam-role-for-eks-cluster",
    },
    (ctx, rule) =>
        HANDOVERS.flatMap((h) =>
            ctx.ofType(h.type).flatMap((holder) => {
                const role = ctx.referenced(holder, h.property, T.role);
                if (!role) return [];
                const missing = grantsOf(ctx, role).filter((g) => !ctx.graph.waitsFor(holder, g));
                if (missing.length === 0) return [];
                return [
                    ctx.finding(rule, holder, {
                        severity: h.severity,
                        message: `${h.effect}: it waits for role ${role.name} but not for its ${missing.map((m) => `${m.type.split(":").pop()} ${m.name}`).join(", ")}`,
                        awsError: h.awsError,
                        fix: `add dependsOn: [${missing.map((m) => m.name).join(", ")}]`,
                    }),
                ];
            }),
        ),
);
