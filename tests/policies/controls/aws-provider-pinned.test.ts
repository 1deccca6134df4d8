import { Fixture, res, specControl } from "../../support/controls";
import { ACCOUNT, PARTNER, provider, through } from "../baselines/principals";

// An explicit provider (the DR region's, CloudFront's us-east-1) does not inherit aws:allowedAccountIds.
const logGroup = res("aws:cloudwatch/logGroup:LogGroup", "stack-logs", { name: "/careplane/stack" });
const edgeLogs = (p: Fixture) => through(p, res("aws:cloudwatch/logGroup:LogGroup", "edge-logs", { name: "/careplane/edge" }));
specControl("careplane-aws-provider-pinned", {
    passes: [
        {
            it: "an explicit provider pinned to the stack's account, as the default provider is",
            fixtures: [logGroup, provider("edge", [ACCOUNT]), edgeLogs(provider("edge", [ACCOUNT]))],
        },
        { it: "a stack with only its default provider", fixtures: [logGroup] },
    ],
    fails: [
        {
            it: "an explicit provider pinned to no account",
            fixtures: [logGroup, provider("edge"), edgeLogs(provider("edge"))],
            message: "edge (pulumi:providers:aws): the provider is pinned to no account",
        },
        {
            it: "an explicit provider pinned to another account",
            fixtures: [logGroup, provider("edge", [PARTNER]), edgeLogs(provider("edge", [PARTNER]))],
            message: `the provider is pinned to ${PARTNER}, not to the stack's account`,
        },
        {
            it: "an explicit provider pinned to the stack's account and another",
            fixtures: [logGroup, provider("edge", [ACCOUNT, PARTNER]), edgeLogs(provider("edge", [ACCOUNT, PARTNER]))],
            message: `the provider is pinned to ${ACCOUNT}, ${PARTNER}, not to the stack's account`,
        },
    ],
});
