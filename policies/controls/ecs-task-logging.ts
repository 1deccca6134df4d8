import { resourceControl } from "../lib/control";

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
        let defs: any[] = [];
        try {
            defs = Array.isArray(props.containerDefinitions) ? props.containerDefinitions : JSON.parse(props.containerDefinitions);
        } catch {
            defs = [];
        }
        return defs
            .filter((c) => c.logConfiguration?.logDriver !== "awslogs" || !c.logConfiguration?.options?.["awslogs-group"])
            .map((c) => ({
                problem: `container ${c.name ?? "(unnamed)"} does not log to CloudWatch`,
                expected: 'logConfiguration { logDriver: "awslogs", options["awslogs-group"]: its log group }',
            }));
    },
});
