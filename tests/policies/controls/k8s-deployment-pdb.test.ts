import { patch, res, specControl } from "../../support/controls";
import { api, labels } from "../baselines/compute";

const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const pdb = res(PDB, "api", {
    metadata: { name: "api", namespace: "caresync", labels: labels() },
    spec: { minAvailable: 1, selector: { matchLabels: { app: "api" } } },
});
specControl("careplane-k8s-deployment-pdb", {
    passes: [{ it: "a budget selecting the deployment's pods", fixtures: [api, pdb] }],
    fails: [
        { it: "no budget", fixtures: [api], message: "api (kubernetes:apps/v1:Deployment): no PodDisruptionBudget selects its pods" },
        {
            it: "a budget selecting other pods",
            fixtures: [api, ...patch([pdb], "api", { spec: { minAvailable: 1, selector: { matchLabels: { app: "web" } } } })],
            message: "no PodDisruptionBudget selects its pods",
        },
        {
            it: "a budget in another namespace",
            fixtures: [api, ...patch([pdb], "api", { metadata: { name: "api", namespace: "other" } })],
            message: "in namespace caresync",
        },
    ],
});
