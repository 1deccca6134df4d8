import { res, specControl } from "../../support/controls";
import { labels } from "../baselines/compute";

const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const V1 = "kubernetes:autoscaling/v1:HorizontalPodAutoscaler";
const hpa = (min: number | undefined, env = "prod", type = HPA) =>
    res(type, "api", {
        metadata: { name: "api", namespace: "caresync", labels: labels(env) },
        spec: { minReplicas: min, maxReplicas: 20 },
    });
specControl("careplane-k8s-hpa-min-replicas", {
    passes: [
        { it: "3 minimum replicas in prod", fixtures: [hpa(3)] },
        { it: "1 minimum replica in dev", fixtures: [hpa(1, "dev")], environment: "dev" },
        { it: "3 minimum replicas in prod, through autoscaling/v1", fixtures: [hpa(3, "prod", V1)] },
    ],
    fails: [
        {
            it: "1 minimum replica in prod",
            fixtures: [hpa(1)],
            message:
                "api (kubernetes:autoscaling/v2:HorizontalPodAutoscaler): minReplicas is 1; expected minReplicas of at least 2 in prod",
        },
        { it: "no minimum in prod", fixtures: [hpa(undefined)], message: "minReplicas is not set (defaults to 1)" },
        {
            it: "1 minimum replica in prod, through autoscaling/v1",
            fixtures: [hpa(1, "prod", V1)],
            message: "api (kubernetes:autoscaling/v1:HorizontalPodAutoscaler): minReplicas is 1",
        },
    ],
});
