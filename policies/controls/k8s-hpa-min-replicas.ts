import { resourceControl } from "../lib/control";

const HPA_TYPES = ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:autoscaling/v1:HorizontalPodAutoscaler"] as const;

export const k8sHpaMinReplicas = resourceControl({
    name: "careplane-k8s-hpa-min-replicas",
    description: "In prod every HorizontalPodAutoscaler keeps at least 2 replicas, so one pod's loss or eviction is not an outage.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: HPA_TYPES,
    check: (props, subject) => {
        if (subject.environment !== "prod") return undefined;
        const min = props.spec?.minReplicas;
        if (typeof min === "number" && min >= 2) return undefined;
        return {
            problem: typeof min === "number" ? `minReplicas is ${min}` : "minReplicas is not set (defaults to 1)",
            expected: "minReplicas of at least 2 in prod",
        };
    },
});
