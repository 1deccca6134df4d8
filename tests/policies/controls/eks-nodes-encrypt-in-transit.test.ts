import { aws, patch, specControl } from "../../support/controls";
import { cluster } from "../baselines/compute";

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const nodes = aws(
    NODE_GROUP,
    "nodes",
    { instanceTypes: ["m6i.large"], scalingConfig: { minSize: 6, maxSize: 12, desiredSize: 6 } },
    { clusterName: cluster },
);
specControl("careplane-eks-nodes-encrypt-in-transit", {
    passes: [
        { it: "m6i nodes", fixtures: [nodes] },
        { it: "c7i and r6i nodes", fixtures: patch([nodes], "nodes", { instanceTypes: ["c7i.xlarge", "r6i.large"] }) },
    ],
    fails: [
        {
            it: "t3 nodes",
            fixtures: patch([nodes], "nodes", { instanceTypes: ["t3.large"] }),
            message: "nodes (aws:eks/nodeGroup:NodeGroup): t3.large do not encrypt traffic between instances",
        },
        {
            it: "m5 nodes beside m6i",
            fixtures: patch([nodes], "nodes", { instanceTypes: ["m6i.large", "m5.large"] }),
            message: "m5.large do not encrypt traffic between instances",
        },
        {
            it: "no instance type (EKS's default)",
            fixtures: patch([nodes], "nodes", { instanceTypes: undefined }),
            message: "it names no instance type",
        },
    ],
});
