// EKS add-ons and node groups in the order a cluster without self-managed add-ons can run them.
import { str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

/** Add-ons that run as Deployments: they need a node to schedule on, or stay DEGRADED. */
const NEEDS_NODES = ["coredns", "aws-ebs-csi-driver", "metrics-server", "aws-efs-csi-driver", "snapshot-controller"];
/** Add-ons a node needs before it becomes Ready. */
const NODES_NEED = ["vpc-cni", "kube-proxy"];

export const addonsAndNodes = stackRule(
    {
        id: "order/eks-addons-and-nodes",
        family: "order",
        description: "Node groups wait for vpc-cni and kube-proxy (no self-managed add-ons); coredns and CSI drivers wait for a node group",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.eks).flatMap((cluster) => {
            const addons = ctx.ofType(T.addon).filter((a) => ctx.graph.waitsFor(a, cluster));
            const groups = ctx.ofType(T.nodeGroup).filter((g) => ctx.graph.waitsFor(g, cluster));
            const findings = [];
            for (const addon of addons) {
                const name = str(addon.inputs.addonName) ?? "";
                if (NEEDS_NODES.includes(name) && groups.length > 0 && !groups.some((g) => ctx.graph.waitsFor(addon, g)))
                    findings.push(
                        ctx.finding(rule, addon, {
                            message: `${name} runs as pods; created before any node group it stays DEGRADED and Pulumi's wait for ACTIVE times out`,
                            awsError: "DEGRADED (InsufficientNumberOfReplicas)",
                            fix: `depend on the node group (${groups[0].name})`,
                        }),
                    );
                if (NODES_NEED.includes(name) && cluster.inputs.bootstrapSelfManagedAddons === false)
                    for (const g of groups.filter((g) => !ctx.graph.waitsFor(g, addon)))
                        findings.push(
                            ctx.finding(rule, g, {
                                message: `the cluster starts without self-managed add-ons, so nodes stay NotReady until ${name} is installed; this node group does not wait for it`,
                                awsError: "NodeCreationFailure (Unhealthy nodes in the kubernetes cluster)",
                                fix: `depend on ${addon.name}`,
                            }),
                        );
            }
            return findings;
        }),
);
