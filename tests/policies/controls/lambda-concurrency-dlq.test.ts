import { patch, specControl } from "../../support/controls";
import { fn } from "../baselines/lambda-efs";

specControl("careplane-lambda-concurrency-dlq", {
    passes: [{ it: "reserved concurrency and a dead-letter queue", fixtures: [fn] }],
    fails: [
        {
            it: "no reserved concurrency (advisory)",
            fixtures: patch([fn], "rotate", { reservedConcurrentExecutions: undefined }),
            message: "it reserves no concurrency",
        },
        {
            it: "no dead-letter queue (advisory)",
            fixtures: patch([fn], "rotate", { deadLetterConfig: undefined }),
            message: "it has no dead-letter queue",
        },
    ],
});
