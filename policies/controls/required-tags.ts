import { resourceControl } from "../lib/control";
import { taggableTypes } from "../lib/taggable";

const classifications = ["phi", "confidential", "internal"];

export const requiredTags = resourceControl({
    name: "careplane-required-tags",
    description:
        "Every taggable resource names its environment (its stack's: a tag cannot move it to another environment's floors), data classification and owner, so PHI stores can be inventoried.",
    hipaa: ["164.308(a)(1)(ii)(A)", "164.310(d)(1)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: taggableTypes,
    check: (props, subject) => {
        const tags = props.tags ?? {};
        const problems = [];
        if (tags.Environment !== subject.environment) {
            problems.push({
                problem: `tag Environment is ${JSON.stringify(tags.Environment)} in a ${subject.environment} stack`,
                expected: `Environment: ${subject.environment}, the stack's environment`,
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
