import { stackControl } from "../lib/control";
import { ofType, referencing, Typed } from "../lib/stack";

const CLUSTER = "aws:eks/cluster:Cluster";
const ADDON = "aws:eks/addon:Addon";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** Charts of CNIs or policy engines that enforce NetworkPolicies themselves. */
const ENFORCING_CHARTS = ["cilium", "tigera-operator", "calico"];

function configurationOf(addon: Typed<typeof ADDON>): Record<string, unknown> {
    const raw = addon.props.configurationValues;
    if (typeof raw !== "string") return {};
    try {
        return JSON.parse(raw);
    } catch {
        return {};
    }
}

/**
 * The VPC CNI enforces NetworkPolicies only when its add-on sets enableNetworkPolicy
 * (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html); without it the API server
 * stores the policies and nothing applies them.
 */
function enforcesPolicies(addon: Typed<typeof ADDON>): boolean {
    const value = configurationOf(addon).enableNetworkPolicy;
    return addon.props.addonName === "vpc-cni" && (value === "true" || value === true);
}

export const eksNetworkPolicyEnforced = stackControl({
    name: "careplane-eks-network-policy-enforced",
    description:
        "Every EKS cluster runs a NetworkPolicy enforcer: the vpc-cni add-on with enableNetworkPolicy, or a CNI that enforces policies itself (Cilium, Calico). Without one, the default-deny segmentation the namespaces declare does not exist.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [CLUSTER, ADDON, RELEASE],
    check: (resources, report) => {
        const otherEnforcer = ofType(resources, RELEASE).some((r) => ENFORCING_CHARTS.includes(String(r.props.chart)));
        for (const cluster of ofType(resources, CLUSTER)) {
            const addons = referencing(resources, cluster, "clusterName", ADDON);
            if (otherEnforcer || addons.some(enforcesPolicies)) continue;
            const cni = addons.find((a) => a.props.addonName === "vpc-cni");
            report(cluster, {
                problem: cni
                    ? "the vpc-cni add-on does not enable its network policy agent, so nothing enforces the cluster's NetworkPolicies"
                    : "no vpc-cni add-on or other CNI enforces the cluster's NetworkPolicies",
                expected: 'the vpc-cni add-on with configurationValues {"enableNetworkPolicy":"true"}',
            });
        }
    },
});
