import { aws, patch, res, specControl } from "../../support/controls";
import { detector, trail } from "../baselines/audit";

specControl("careplane-cloudtrail-enabled", {
    passes: [
        { it: "a prod stack with a multi-region trail", fixtures: [trail, detector] },
        { it: "a dev stack without a trail", fixtures: [aws("aws:ec2/vpc:Vpc", "vpc", {}, {}, "dev")], environment: "dev" },
    ],
    fails: [
        {
            it: "a prod stack without a trail",
            fixtures: [detector],
            message: "stack (pulumi:pulumi:Stack): the prod stack has no logging multi-region CloudTrail trail",
        },
        {
            it: "a prod stack whose only trail is single-region",
            fixtures: patch([trail, detector], "trail", { isMultiRegionTrail: false }),
            message: "the prod stack has no logging multi-region CloudTrail trail",
        },
        {
            it: "a stack whose resources name no environment (held to prod's floor)",
            fixtures: [res("aws:ec2/vpc:Vpc", "vpc", {})],
            message: "the prod stack has no logging multi-region CloudTrail trail",
        },
    ],
});
