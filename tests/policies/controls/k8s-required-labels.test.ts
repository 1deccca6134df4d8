import { k8sRequiredLabels } from "../../../policies/controls/k8s-required-labels";
import { res, specControl } from "../../support/controls";
import { api, DEPLOYMENT, labels } from "../baselines/compute";

specControl("careplane-k8s-required-labels", {
    passes: [
        { it: "a deployment labelled environment, data-classification and owner", fixtures: [api] },
        {
            it: "an object of every kind it checks, labelled as careplane labels it",
            fixtures: k8sRequiredLabels.meta.types.map((t) =>
                res(t, `r-${t}`, { metadata: { name: "r", namespace: "caresync", labels: labels() } }),
            ),
        },
    ],
    fails: [
        {
            it: "no environment label",
            fixtures: [res(DEPLOYMENT, "api", { metadata: { labels: { "data-classification": "phi", owner: "platform-team" } } })],
            message: "label environment is undefined",
        },
        {
            it: "a wrong classification",
            fixtures: [
                res(DEPLOYMENT, "api", {
                    metadata: { labels: { environment: "prod", "data-classification": "public", owner: "platform-team" } },
                }),
            ],
            message: 'label data-classification is "public"',
        },
        {
            it: "no owner",
            fixtures: [res(DEPLOYMENT, "api", { metadata: { labels: { environment: "prod", "data-classification": "phi" } } })],
            message: "label owner is missing",
        },
        ...k8sRequiredLabels.meta.types.map((t) => ({
            it: `a ${t} without an owner`,
            fixtures: [res(t, "r", { metadata: { name: "r", labels: { environment: "prod", "data-classification": "phi" } } })],
            message: `r (${t}): label owner is missing`,
        })),
    ],
});
