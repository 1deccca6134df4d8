import { resourceControl } from "../lib/control";

const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const eksControlPlaneLogs = resourceControl({
    name: "careplane-eks-control-plane-logs",
    description: "The EKS control plane sends every log type (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.308(a)(3)(ii)(A)", "164.312(b)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:eks/cluster:Cluster"],
    check: (props) => {
        const enabled: string[] = props.enabledClusterLogTypes ?? [];
        const missing = LOG_TYPES.filter((t) => !enabled.includes(t));
        return missing.length === 0
            ? undefined
            : {
                  problem: `control-plane logs ${missing.join(", ")} are off`,
                  expected: `enabledClusterLogTypes with ${LOG_TYPES.join(", ")}`,
              };
    },
});
