import { aws, patch, specControl } from "../../support/controls";
import { analyzer, detector } from "../baselines/detection";

specControl("careplane-access-analyzer-enabled", {
    passes: [
        { it: "a prod stack with an account analyzer", fixtures: [analyzer] },
        { it: "a test stack without one", fixtures: [aws("aws:ec2/vpc:Vpc", "vpc", {}, {}, "test")], environment: "test" },
    ],
    fails: [
        {
            it: "a prod stack without one",
            fixtures: [detector],
            message: "stack (pulumi:pulumi:Stack): the prod stack has no external-access analyzer",
        },
        {
            it: "an analyzer of unused access only",
            fixtures: patch([analyzer], "analyzer", { type: "ACCOUNT_UNUSED_ACCESS" }),
            message: "the prod stack has no external-access analyzer",
        },
    ],
});
