import { Finding, resourceControl } from "../lib/control";

const CLASSIFICATIONS = ["phi", "confidential", "internal"];

/** Kubernetes kinds careplane declares; Helm releases and CRDs carry their own labels. */
export const labelledTypes = [
    "kubernetes:core/v1:Namespace",
    "kubernetes:core/v1:Service",
    "kubernetes:core/v1:ServiceAccount",
    "kubernetes:core/v1:ConfigMap",
    "kubernetes:core/v1:Pod",
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    "kubernetes:policy/v1:PodDisruptionBudget",
    "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    "kubernetes:networking.k8s.io/v1:Ingress",
    "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
] as const;

export const k8sRequiredLabels = resourceControl({
    name: "careplane-k8s-required-labels",
    description:
        "Every Kubernetes object carries the labels environment (its stack's), data-classification and owner, as AWS resources carry the tags.",
    hipaa: ["164.308(a)(1)(ii)(A)", "164.310(d)(1)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: labelledTypes,
    check: (props, subject) => {
        const labels = props.metadata?.labels ?? {};
        const problems: Finding[] = [];
        if (labels.environment !== subject.environment) {
            problems.push({
                problem: `label environment is ${JSON.stringify(labels.environment)} in a ${subject.environment} stack`,
                expected: `environment: ${subject.environment}, the stack's environment`,
            });
        }
        if (!CLASSIFICATIONS.includes(labels["data-classification"])) {
            problems.push({
                problem: `label data-classification is ${JSON.stringify(labels["data-classification"])}`,
                expected: `one of ${CLASSIFICATIONS.join(", ")}`,
            });
        }
        if (typeof labels.owner !== "string" || labels.owner === "")
            problems.push({ problem: "label owner is missing", expected: "the owning team" });
        return problems;
    },
});
