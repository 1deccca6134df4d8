import { aws, res, specControl } from "../../support/controls";
import { cluster, EKS } from "../baselines/compute";

const ADDON = "aws:eks/addon:Addon";
const other = aws(EKS, "other", {});
const cni = (configurationValues?: string) =>
    aws(
        ADDON,
        "vpc-cni",
        { addonName: "vpc-cni", addonVersion: "v1.22.4-eksbuild.3", ...(configurationValues ? { configurationValues } : {}) },
        { clusterName: cluster },
    );
specControl("careplane-eks-network-policy-enforced", {
    passes: [
        {
            it: "the vpc-cni add-on with its network policy agent",
            fixtures: [cluster, cni(JSON.stringify({ enableNetworkPolicy: "true" }))],
        },
        {
            it: "a cluster whose CNI is Cilium",
            fixtures: [cluster, cni(), res("kubernetes:helm.sh/v3:Release", "cilium", { chart: "cilium", version: "1.18.0" })],
        },
    ],
    fails: [
        {
            it: "the vpc-cni add-on without enableNetworkPolicy",
            fixtures: [cluster, cni(JSON.stringify({ env: { ENABLE_POD_ENI: "true" } }))],
            message: "cluster (aws:eks/cluster:Cluster): the vpc-cni add-on does not enable its network policy agent",
        },
        {
            it: "the agent switched off",
            fixtures: [cluster, cni(JSON.stringify({ enableNetworkPolicy: "false" }))],
            message: "the vpc-cni add-on does not enable its network policy agent",
        },
        {
            it: "an enabled vpc-cni add-on of another cluster",
            fixtures: [
                cluster,
                other,
                aws(
                    ADDON,
                    "other-vpc-cni",
                    { addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) },
                    { clusterName: other },
                ),
            ],
            message: "no vpc-cni add-on or other CNI enforces",
        },
    ],
});
