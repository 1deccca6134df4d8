import { specControl } from "../../support/controls";
import { task } from "../baselines/compute";

specControl("careplane-ecs-task-logging", {
    passes: [{ it: "awslogs into a log group", fixtures: [task()] }],
    fails: [
        {
            it: "no log configuration",
            fixtures: [task({ logConfiguration: undefined })],
            message: "container backend does not log to CloudWatch",
        },
        {
            it: "another log driver",
            fixtures: [task({ logConfiguration: { logDriver: "json-file" } })],
            message: "container backend does not log to CloudWatch",
        },
        {
            it: "container definitions it cannot read (it never passes them)",
            fixtures: [task({}, { containerDefinitions: '[{"name": "backend"' })],
            message: "containerDefinitions is not valid JSON",
        },
    ],
});
