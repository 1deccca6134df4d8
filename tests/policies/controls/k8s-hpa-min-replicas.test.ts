import { res, specControl } from "../../support/controls";
import { labels } from "../baselines/compute";

const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const hpa = (min: number | undefined, env = "prod") =>
    res(HPA, "api", { metadata: { name: "api", namespace: "caresync", labels: labels(env) }, spec: { minReplicas: min, maxReplicas: 20 } });
specControl("careplane-k8s-hpa-min-replicas", {
    passes: [
        { it: "3 minimum replicas in prod", fixtures: [hpa(3)] },
        { it: "1 minimum replica in dev", fixtures: [hpa(1, "dev")], environment: "dev" },
    ],
    fails: [
        {
            it: "1 minimum replica in prod",
            fixtures: [hpa(1)],
            message:
                "api (kubernetes:autoscaling/v2:HorizontalPodAutoscaler): minReplicas is 1; expected minReplicas of at least 2 in prod",
        },
        { it: "no minimum in prod", fixtures: [hpa(undefined)], message: "minReplicas is not set (defaults to 1)" },
    ],
});
