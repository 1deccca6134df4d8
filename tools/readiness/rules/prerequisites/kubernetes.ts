// Kubernetes objects the API server accepts but nothing acts on: NetworkPolicies without an enforcing
// network plugin, HorizontalPodAutoscalers without a metrics API; and a node group the program and the
// cluster autoscaler would both size.
import { str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

const enforcingCharts = /^(calico|tigera-operator|cilium|antrea)$/;

export const networkPoliciesEnforced = stackRule(
    {
        id: "prerequisites/network-policies-enforced",
        family: "prerequisites",
        description:
            "A cluster with NetworkPolicies has a plugin that enforces them (the vpc-cni add-on with enableNetworkPolicy, or Calico/Cilium)",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html",
    },
    (ctx, rule) => {
        const policies = ctx.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy");
        if (policies.length === 0 || ctx.ofType(T.eks).length === 0) return [];
        const cni = ctx.ofType(T.addon).find((a) => a.inputs.addonName === "vpc-cni");
        let enabled = false;
        try {
            enabled = String(JSON.parse(str(cni?.inputs.configurationValues) ?? "{}").enableNetworkPolicy) === "true";
        } catch {
            enabled = false;
        }
        if (enabled || ctx.ofType(T.release).some((r) => enforcingCharts.test(str(r.inputs.chart) ?? ""))) return [];
        return [
            ctx.finding(rule, cni ?? policies[0], {
                severity: "warning",
                message: `the API server stores the ${policies.length} NetworkPolicies, but nothing enforces them: vpc-cni runs without enableNetworkPolicy, and no other policy engine is installed`,
                fix: 'set the vpc-cni add-on\'s configurationValues to {"enableNetworkPolicy": "true"}',
            }),
        ];
    },
);

export const autoscalerMetrics = stackRule(
    {
        id: "prerequisites/hpa-metrics-api",
        family: "prerequisites",
        description: "HorizontalPodAutoscalers on resource metrics have a metrics API to read (metrics-server)",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/metrics-server.html",
    },
    (ctx, rule) => {
        const autoscalers = ctx.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
        const served =
            ctx.ofType(T.addon).some((a) => a.inputs.addonName === "metrics-server") ||
            ctx.ofType(T.release).some((r) => /(^|\/)metrics-server$/.test(str(r.inputs.chart) ?? ""));
        if (autoscalers.length === 0 || served) return [];
        return autoscalers.map((hpa) =>
            ctx.finding(rule, hpa, {
                severity: "warning",
                message: "nothing serves metrics.k8s.io: the autoscaler reads no CPU or memory and never scales",
                awsError: "FailedGetResourceMetric (the server could not find the requested resource)",
                fix: "install metrics-server (the EKS add-on or its chart)",
            }),
        );
    },
);

export const autoscaledNodeGroupSize = stackRule(
    {
        id: "prerequisites/autoscaled-node-group-size",
        family: "prerequisites",
        description:
            "A managed node group the cluster autoscaler sizes leaves scalingConfig.desiredSize to it (ignoreChanges), or each refreshed update sets it back",
        source: "https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html",
    },
    (ctx, rule) => {
        if (!ctx.ofType(T.release).some((r) => /(^|\/)cluster-autoscaler$/.test(str(r.inputs.chart) ?? ""))) return [];
        return ctx
            .ofType(T.nodeGroup)
            .filter((g) => !g.options.ignoreChanges.includes("scalingConfig.desiredSize"))
            .map((g) =>
                ctx.finding(rule, g, {
                    severity: "warning",
                    message:
                        "the cluster autoscaler changes this node group's desiredSize, and an update after a refresh sets it back to the program's figure: nodes the autoscaler added are drained and their pods evicted",
                    fix: 'ignoreChanges: ["scalingConfig.desiredSize"] on the node group',
                }),
            );
    },
);
