import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { parseStackConfig, STACK_FILE_VARIABLE } from "../../components/config/stack-config";
import { offlineMocks } from "./mocks";
import { Plan, PlannedResource } from "./plan";
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
 *
 * The SDK formats a stack trace for every promise it creates (dozens per resource) in case one
 * leaks, and a whole one per resource for its source position; with tsx's source maps that was
 * most of the program's run time. A plan shows neither, so the program runs without them; if
 * that run fails, it runs again with them, so the error still says where in the TypeScript it
 * came from.
 */
export async function runProgram(stackFile: StackFile, program = PROGRAM): Promise<Plan> {
    // Another project's stack (the bootstrap's) has no careplane config: its program validates its own.
    const careplane = stackFile.config["careplane:environment"] !== undefined;
    const config = careplane ? parseStackConfig(stackFile.config, stackFile.file) : undefined;
    const resources = await withoutStackTraces(() => run(stackFile, program)).catch(() => run(stackFile, program));
    if (!config) return { project: PROJECT, stack: stackFile.stack, environment: stackFile.stack, resources };
    const deployment = {
        accountId: config.account.id,
        region: config.region,
        runner: config.deployer.runner,
        singletons: config.account.singletons,
        ...(config.dr.role === "pilot-light" ? { drRole: "pilot-light" as const } : {}),
    };
    return { project: PROJECT, stack: stackFile.stack, environment: config.environment, deployment, resources };
}

/**
 * Runs `build` (one component constructed on its own, with the args a test gives it) under the mock
 * engine, with a stack's config set, and returns what it registered: pulumi/examples' testing-unit-ts,
 * recorded the way the preview records a program.
 */
export function runComponent(stackFile: StackFile, build: () => unknown): Promise<PlannedResource[]> {
    return run(stackFile, build);
}

async function run(stackFile: StackFile, program: string | (() => unknown)): Promise<PlannedResource[]> {
    const monitor = new RecordingMonitor(offlineMocks);
    await pulumi.runtime.setMocks(offlineMocks, PROJECT, stackFile.stack, false);
    settings.setMockOptions(monitor, PROJECT, stackFile.stack, false);
    pulumi.runtime.setAllConfig(stackFile.config, stackFile.secretKeys);

    if (typeof program === "string") delete require.cache[require.resolve(program)];
    process.env[STACK_FILE_VARIABLE] = stackFile.file;
    try {
        await stackRuntime.runInPulumiStack(async () => (typeof program === "string" ? require(program) : program()));
        await settings.waitForRPCs();
    } finally {
        delete process.env[STACK_FILE_VARIABLE];
    }
    return [...monitor.recorded].sort((a, b) => a.urn.localeCompare(b.urn));
}

/** Source positions raise the limit themselves, so formatting is switched off too: they come out empty. */
async function withoutStackTraces<T>(fn: () => Promise<T>): Promise<T> {
    const limit = Error.stackTraceLimit;
    const prepare = Error.prepareStackTrace;
    Error.stackTraceLimit = 0;
    Error.prepareStackTrace = () => "";
    try {
        return await fn();
    } finally {
        Error.stackTraceLimit = limit;
        Error.prepareStackTrace = prepare;
    }
}
