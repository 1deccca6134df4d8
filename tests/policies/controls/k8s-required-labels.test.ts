import { res, specControl } from "../../support/controls";
import { api, DEPLOYMENT } from "../baselines/compute";

specControl("careplane-k8s-required-labels", {
    passes: [{ it: "a deployment labelled environment, data-classification and owner", fixtures: [api] }],
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
    ],
});
