import { resourceControl } from "../lib/control";

const SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
const LEGACY_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";

export const k8sServiceLoadBalancerAnnotated = resourceControl({
    name: "careplane-k8s-service-load-balancer-annotated",
    description:
        "A Service of type LoadBalancer states its exposure explicitly with the aws-load-balancer-scheme annotation (internal or internet-facing); none is exposed by default.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["kubernetes:core/v1:Service"],
    check: (props) => {
        if (props.spec?.type !== "LoadBalancer") return undefined;
        const annotations = props.metadata?.annotations ?? {};
        if (["internal", "internet-facing"].includes(annotations[SCHEME]) || annotations[LEGACY_INTERNAL] === "true") return undefined;
        return {
            problem: "it is a LoadBalancer Service without an explicit scheme annotation (AWS would make it internet-facing)",
            expected: `metadata.annotations["${SCHEME}"] set to "internal" or, deliberately, "internet-facing"`,
        };
    },
});
