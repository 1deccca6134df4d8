import { stackControl } from "../lib/control";
import { namespaceOf } from "../lib/kubernetes";
import { ofType, Typed } from "../lib/stack";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** A policy that selects every pod and admits nothing: the namespace's ingress default. */
function deniesAllIngress(p: Typed<typeof NETWORK_POLICY>): boolean {
    const spec = p.props.spec;
    const selectsAll =
        Object.keys(spec?.podSelector?.matchLabels ?? {}).length === 0 && (spec?.podSelector?.matchExpressions ?? []).length === 0;
    return selectsAll && (spec?.policyTypes ?? []).includes("Ingress") && (spec?.ingress ?? []).length === 0;
}

export const k8sNamespaceDefaultDeny = stackControl({
    name: "careplane-k8s-namespace-default-deny",
    description:
        "Every namespace the program creates has a default-deny ingress NetworkPolicy (empty pod selector, no ingress rules); traffic is then allowed tier by tier.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [NAMESPACE, NETWORK_POLICY],
    check: (resources, report) => {
        const policies = ofType(resources, NETWORK_POLICY);
        for (const ns of ofType(resources, NAMESPACE)) {
            const name = ns.props.metadata?.name;
            const covered = policies.some(
                (p) => (namespaceOf(p.props) === name || p.dependencies.some((d) => d.urn === ns.urn)) && deniesAllIngress(p),
            );
            if (!covered) {
                report(ns, {
                    problem: "no default-deny ingress NetworkPolicy covers this namespace",
                    expected: 'a NetworkPolicy with podSelector {}, policyTypes ["Ingress", …] and no ingress rules',
                });
            }
        }
    },
});
