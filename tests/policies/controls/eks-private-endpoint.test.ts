import { aws, patch, specControl } from "../../support/controls";
import { cluster, EKS } from "../baselines/compute";

specControl("careplane-eks-private-endpoint", {
    passes: [
        { it: "a private endpoint only", fixtures: [cluster] },
        {
            it: "a public endpoint in dev limited to an allowlist",
            fixtures: [
                aws(
                    EKS,
                    "cluster",
                    { vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } },
                    {},
                    "dev",
                ),
            ],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "a public endpoint in prod",
            fixtures: patch([cluster], "cluster", {
                vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
            }),
            message:
                "cluster (aws:eks/cluster:Cluster): the API endpoint is public; expected vpcConfig.endpointPublicAccess: false in prod",
        },
        {
            it: "a public endpoint open to the world in dev",
            fixtures: [aws(EKS, "cluster", { vpcConfig: { endpointPrivateAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }, {}, "dev")],
            environment: "dev",
            message: "the public API endpoint admits 0.0.0.0/0",
        },
        {
            it: "no private endpoint",
            fixtures: patch([cluster], "cluster", { vpcConfig: { endpointPublicAccess: false } }),
            message: "the private API endpoint is off",
        },
    ],
});
