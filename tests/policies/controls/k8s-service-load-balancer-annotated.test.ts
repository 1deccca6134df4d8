import { res, specControl } from "../../support/controls";
import { labels } from "../baselines/compute";

const SERVICE = "kubernetes:core/v1:Service";
const service = (type: string, annotations: Record<string, string> = {}) =>
    res(SERVICE, "api", {
        metadata: { name: "api", namespace: "caresync", labels: labels(), annotations },
        spec: { type, ports: [{ port: 443 }] },
    });
specControl("careplane-k8s-service-load-balancer-annotated", {
    passes: [
        { it: "a ClusterIP service", fixtures: [service("ClusterIP")] },
        {
            it: "an internal load balancer",
            fixtures: [service("LoadBalancer", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" })],
        },
        {
            it: "a deliberately internet-facing load balancer",
            fixtures: [service("LoadBalancer", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" })],
        },
    ],
    fails: [
        {
            it: "a load balancer without the scheme annotation",
            fixtures: [service("LoadBalancer")],
            message: "api (kubernetes:core/v1:Service): it is a LoadBalancer Service without an explicit scheme annotation",
        },
    ],
});
