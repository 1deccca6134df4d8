import { specControl } from "../../support/controls";
import { task } from "../baselines/compute";

specControl("careplane-ecs-task-least-privilege", {
    passes: [{ it: "awsvpc, a non-root user, read-only root", fixtures: [task()] }],
    fails: [
        {
            it: "host networking",
            fixtures: [task({}, { networkMode: "host" })],
            message: 'backend (aws:ecs/taskDefinition:TaskDefinition): network mode is "host"',
        },
        { it: "no user", fixtures: [task({ user: undefined })], message: "container backend runs as the image's default user (root)" },
        { it: "root", fixtures: [task({ user: "root" })], message: "container backend runs as root" },
        { it: "privileged", fixtures: [task({ privileged: true })], message: "container backend is privileged" },
        {
            it: "a writable root",
            fixtures: [task({ readonlyRootFilesystem: false })],
            message: "container backend can write to its root filesystem",
        },
        {
            it: "unreadable container definitions",
            fixtures: [task({}, { containerDefinitions: "not json" })],
            message: "containerDefinitions is not valid JSON",
        },
    ],
});
