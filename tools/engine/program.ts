import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { parseStackConfig } from "../../components/config";
import { offlineMocks } from "./mocks";
import { Plan } from "./plan";
import { RecordingMonitor } from "./recorder";
import { StackFile } from "./stack-files";

// Internal SDK entry points the mock engine is built from (see DESIGN.md: facts measured here).
const settings = require("@pulumi/pulumi/runtime/settings");
const stackRuntime = require("@pulumi/pulumi/runtime/stack");

export const PROJECT = "careplane";
export const PROGRAM = path.resolve(__dirname, "../../index.ts");

/**
 * Runs index.ts for one stack under the SDK's mock engine and returns every resource it
 * registered. Config is validated first, so a bad value fails before anything registers.
 */
export async function runProgram(stackFile: StackFile, program = PROGRAM): Promise<Plan> {
    const config = parseStackConfig(stackFile.config, stackFile.file);
    const monitor = new RecordingMonitor(offlineMocks);
    await pulumi.runtime.setMocks(offlineMocks, PROJECT, stackFile.stack, false);
    settings.setMockOptions(monitor, PROJECT, stackFile.stack, false);
    pulumi.runtime.setAllConfig(stackFile.config, stackFile.secretKeys);

    delete require.cache[require.resolve(program)];
    await stackRuntime.runInPulumiStack(async () => require(program));
    await settings.waitForRPCs();
    return {
        project: PROJECT,
        stack: stackFile.stack,
        environment: config.environment,
        resources: [...monitor.recorded].sort((a, b) => a.urn.localeCompare(b.urn)),
    };
}
