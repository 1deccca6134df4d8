import { requiredTags } from "../../../policies/controls/required-tags";
import { aws, specControl } from "../../support/controls";
import { vpc, VPC } from "../baselines/network";

specControl("careplane-required-tags", {
    passes: [
        { it: "a VPC with Environment, DataClassification and Owner", fixtures: [vpc] },
        {
            it: "a resource of every type it checks, tagged as careplane tags it",
            fixtures: requiredTags.meta.types.map((t) => aws(t, `r-${t}`)),
        },
    ],
    fails: [
        {
            it: "a missing Environment",
            fixtures: [aws(VPC, "vpc", { tags: { DataClassification: "internal", Owner: "platform-team" } })],
            message: "tag Environment is undefined",
        },
        {
            it: "an unknown DataClassification",
            fixtures: [aws(VPC, "vpc", { tags: { Environment: "prod", DataClassification: "secret", Owner: "platform-team" } })],
            message: 'tag DataClassification is "secret"',
        },
        {
            it: "a missing Owner",
            fixtures: [aws(VPC, "vpc", { tags: { Environment: "prod", DataClassification: "internal" } })],
            message: "tag Owner is missing",
        },
        ...requiredTags.meta.types.map((t) => ({
            it: `a ${t} without an Owner`,
            fixtures: [aws(t, "r", { tags: { Environment: "prod", DataClassification: "internal" } })],
            message: `r (${t}): tag Owner is missing`,
        })),
    ],
});
