import { aws, specControl } from "../../support/controls";

const ROLE = "aws:iam/role:Role";
const trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

specControl("careplane-json-readable", {
    passes: [
        { it: "a trust policy as JSON text", fixtures: [aws(ROLE, "api", { assumeRolePolicy: JSON.stringify(trust) })] },
        { it: "a trust policy as an object", fixtures: [aws(ROLE, "api", { assumeRolePolicy: trust })] },
        { it: "a policy the preview cannot see yet (absent)", fixtures: [aws("aws:kms/key:Key", "data", {})] },
        {
            it: "an event pattern and container definitions as JSON text",
            fixtures: [
                aws("aws:cloudwatch/eventRule:EventRule", "findings", { eventPattern: JSON.stringify({ source: ["aws.guardduty"] }) }),
                aws("aws:ecs/taskDefinition:TaskDefinition", "api", { containerDefinitions: JSON.stringify([{ name: "api" }]) }),
            ],
        },
    ],
    fails: [
        {
            it: "a trust policy that is not JSON",
            fixtures: [aws(ROLE, "api", { assumeRolePolicy: '{"Version": "2012-10-17",' })],
            message: "api (aws:iam/role:Role): assumeRolePolicy is not valid JSON",
        },
        {
            it: "a key policy that is a JSON array, not a document",
            fixtures: [aws("aws:kms/key:Key", "data", { policy: "[]" })],
            message: "policy is not a JSON object",
        },
        {
            it: "an event pattern that is not JSON",
            fixtures: [aws("aws:cloudwatch/eventRule:EventRule", "findings", { eventPattern: "source = aws.guardduty" })],
            message: "eventPattern is not valid JSON",
        },
        {
            it: "container definitions that are one object instead of a list",
            fixtures: [aws("aws:ecs/taskDefinition:TaskDefinition", "api", { containerDefinitions: JSON.stringify({ name: "api" }) })],
            message: "containerDefinitions is not a JSON array",
        },
    ],
});
