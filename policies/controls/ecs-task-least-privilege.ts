import { Finding, resourceControl } from "../lib/control";
import { readJson } from "../lib/json";

export const ecsTaskLeastPrivilege = resourceControl({
    name: "careplane-ecs-task-least-privilege",
    description:
        "ECS tasks use awsvpc networking (never the host's), and every container runs as a named non-root user, unprivileged, with a read-only root filesystem.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-ECSTaskDefinitionUserForHostMode"],
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check: (props) => {
        const problems: Finding[] = [];
        if (props.networkMode !== "awsvpc")
            problems.push({
                problem: `network mode is ${JSON.stringify(props.networkMode ?? "bridge")}`,
                expected: 'networkMode "awsvpc"',
            });
        const read = readJson<any[]>(props.containerDefinitions, "containerDefinitions", "array");
        if (read.unreadable) problems.push(read.unreadable);
        for (const c of read.value ?? []) {
            const name = `container ${c.name ?? "(unnamed)"}`;
            const user = String(c.user ?? "");
            if (user === "" || user === "root" || user === "0" || user.startsWith("0:") || user.startsWith("root:")) {
                problems.push({
                    problem: `${name} runs as ${user === "" ? "the image's default user (root)" : user}`,
                    expected: 'user set to a non-root UID, e.g. "1000"',
                });
            }
            if (c.privileged === true) problems.push({ problem: `${name} is privileged`, expected: "privileged: false" });
            if (c.readonlyRootFilesystem !== true)
                problems.push({ problem: `${name} can write to its root filesystem`, expected: "readonlyRootFilesystem: true" });
        }
        return problems;
    },
});
