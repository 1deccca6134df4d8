import { patch, res, specControl } from "../../support/controls";
import { labels } from "../baselines/compute";

const NS = "kubernetes:core/v1:Namespace";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const namespace = res(NS, "caresync", { metadata: { name: "caresync", labels: labels() } });
const denyAll = res(
    NP,
    "default-deny",
    {
        metadata: { name: "default-deny", namespace: "caresync", labels: labels() },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    { metadata: namespace },
);
specControl("careplane-k8s-namespace-default-deny", {
    passes: [
        { it: "a namespace with a default-deny policy", fixtures: [namespace, denyAll] },
        {
            it: "an auto-named namespace linked by dependency",
            fixtures: [
                res(NS, "caresync", { metadata: { labels: labels() } }),
                ...patch([denyAll], "default-deny", { metadata: { name: "default-deny" } }),
            ],
        },
    ],
    fails: [
        {
            it: "no network policy",
            fixtures: [namespace],
            message: "caresync (kubernetes:core/v1:Namespace): no default-deny ingress NetworkPolicy covers this namespace",
        },
        {
            it: "a policy selecting some pods only",
            fixtures: [
                namespace,
                ...patch([denyAll], "default-deny", { spec: { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"] } }),
            ],
            message: "no default-deny ingress NetworkPolicy",
        },
        {
            it: "a policy that admits traffic",
            fixtures: [
                namespace,
                ...patch([denyAll], "default-deny", { spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] } }),
            ],
            message: "no default-deny ingress NetworkPolicy",
        },
    ],
});
