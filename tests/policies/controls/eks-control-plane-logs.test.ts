import { patch, specControl } from "../../support/controls";
import { cluster } from "../baselines/compute";

specControl("careplane-eks-control-plane-logs", {
    passes: [{ it: "all five log types", fixtures: [cluster] }],
    fails: [
        {
            it: "no audit log",
            fixtures: patch([cluster], "cluster", { enabledClusterLogTypes: ["api", "authenticator", "controllerManager", "scheduler"] }),
            message: "control-plane logs audit are off",
        },
        {
            it: "no logs at all",
            fixtures: patch([cluster], "cluster", { enabledClusterLogTypes: undefined }),
            message: "control-plane logs api, audit, authenticator, controllerManager, scheduler are off",
        },
    ],
});
