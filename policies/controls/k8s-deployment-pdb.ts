import { stackControl } from "../lib/control";
import { namespaceOf, selects } from "../lib/kubernetes";
import { ofType } from "../lib/stack";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

export const k8sDeploymentPdb = stackControl({
    name: "careplane-k8s-deployment-pdb",
    description:
        "Every Deployment has a PodDisruptionBudget in its namespace that selects its pods, so node drains and upgrades keep it serving.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [DEPLOYMENT, PDB],
    check: (resources, report) => {
        const budgets = ofType(resources, PDB);
        for (const d of ofType(resources, DEPLOYMENT)) {
            const podLabels = d.props.spec?.template?.metadata?.labels;
            const covered = budgets.some(
                (b) => namespaceOf(b.props) === namespaceOf(d.props) && selects(b.props.spec?.selector?.matchLabels, podLabels),
            );
            if (!covered) {
                report(d, {
                    problem: "no PodDisruptionBudget selects its pods",
                    expected: `a policy/v1 PodDisruptionBudget in namespace ${namespaceOf(d.props)} whose selector matches its pod labels`,
                });
            }
        }
    },
});
