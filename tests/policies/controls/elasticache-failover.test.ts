import { aws, patch, specControl } from "../../support/controls";
import { cache, cacheInputs, RG } from "../baselines/data";

specControl("careplane-elasticache-failover", {
    passes: [
        { it: "failover and Multi-AZ in prod", fixtures: cache },
        {
            it: "a single node in dev",
            fixtures: [aws(RG, "cache", { ...cacheInputs, automaticFailoverEnabled: false, multiAzEnabled: false }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "no automatic failover in prod",
            fixtures: patch(cache, "cache", { automaticFailoverEnabled: false }),
            message: "automatic failover is off; expected automaticFailoverEnabled: true in prod",
        },
        {
            it: "no Multi-AZ in staging",
            fixtures: [aws(RG, "cache", { ...cacheInputs, multiAzEnabled: undefined }, {}, "staging")],
            environment: "staging",
            message: "Multi-AZ is off; expected multiAzEnabled: true in staging",
        },
    ],
});
