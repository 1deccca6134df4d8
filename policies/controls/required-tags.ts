import { resourceControl } from "../lib/control";
import { isEnvironment } from "../lib/minimums";
import { taggableTypes } from "../lib/taggable";

const classifications = ["phi", "confidential", "internal"];

export const requiredTags = resourceControl({
    name: "careplane-required-tags",
    description: "Every taggable resource names its environment, data classification and owner, so PHI stores can be inventoried.",
    hipaa: ["164.308(a)(1)(ii)(A)", "164.310(d)(1)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: taggableTypes,
    check: (props) => {
        const tags = props.tags ?? {};
        const problems = [];
        if (!isEnvironment(tags.Environment)) {
            problems.push({
                problem: `tag Environment is ${JSON.stringify(tags.Environment)}`,
                expected: "one of dev, test, staging, prod",
            });
        }
        if (!classifications.includes(tags.DataClassification)) {
            problems.push({
                problem: `tag DataClassification is ${JSON.stringify(tags.DataClassification)}`,
                expected: `one of ${classifications.join(", ")}`,
            });
        }
        if (typeof tags.Owner !== "string" || tags.Owner.trim() === "") {
            problems.push({ problem: "tag Owner is missing", expected: "the owning team" });
        }
        return problems;
    },
});
