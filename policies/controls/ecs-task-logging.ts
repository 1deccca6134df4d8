import { resourceControl } from "../lib/control";
import { readJson } from "../lib/json";

export const ecsTaskLogging = resourceControl({
    name: "careplane-ecs-task-logging",
    description:
        "Every ECS container sends its output to CloudWatch Logs (the awslogs driver), where retention and encryption are enforced.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check: (props) => {
        const defs = readJson<any[]>(props.containerDefinitions, "containerDefinitions", "array");
        if (defs.unreadable) return defs.unreadable;
        return (defs.value ?? [])
            .filter((c) => c.logConfiguration?.logDriver !== "awslogs" || !c.logConfiguration?.options?.["awslogs-group"])
            .map((c) => ({
                problem: `container ${c.name ?? "(unnamed)"} does not log to CloudWatch`,
                expected: 'logConfiguration { logDriver: "awslogs", options["awslogs-group"]: its log group }',
            }));
    },
});
