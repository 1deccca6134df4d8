// Shared by the specs: the same mock engine and the same policy analyzer the offline preview uses.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PackConfig, PolicyAnalyzer, Violation } from "../../tools/engine/analyzer";
import { mockArn, mockRoleArn } from "../../tools/engine/mocks";
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { runProgram } from "../../tools/engine/program";
import { readStackFile, StackFile } from "../../tools/engine/stack-files";

export const ROOT = path.resolve(__dirname, "../..");
export const STACKS = ["dev", "test", "staging", "prod"] as const;

let analyzer: Promise<PolicyAnalyzer> | undefined;
/** Analyzers started with a pack configuration, one per configuration. */
const configured = new Map<string, Promise<PolicyAnalyzer>>();

/** One analyzer server for the whole run; the root hook stops it. */
export function sharedAnalyzer(): Promise<PolicyAnalyzer> {
    analyzer ??= PolicyAnalyzer.start();
    return analyzer;
}

/** An analyzer configured as `pulumi up --policy-pack-config` would configure the pack. */
export function configuredAnalyzer(config: PackConfig): Promise<PolicyAnalyzer> {
    const key = JSON.stringify(config);
    if (!configured.has(key)) configured.set(key, PolicyAnalyzer.start(undefined, config));
    return configured.get(key)!;
}

export async function stopSharedAnalyzer(): Promise<void> {
    const all = [...(analyzer ? [analyzer] : []), ...configured.values()];
    analyzer = undefined;
    configured.clear();
    for (const a of all) await (await a).stop();
}

/** A stack file of the repository (or of another folder), with config values replaced or added. */
export function stackFile(stack: string, overrides: Record<string, unknown> = {}, dir = ROOT): StackFile {
    const file = readStackFile(dir, stack);
    const config = { ...file.config };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete config[key];
        else config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { ...file, config };
}

/** A stack file's careplane:compute with some settings changed (an override replaces the whole key). */
export function computeWith(stack: string, changes: Record<string, unknown>, dir = ROOT): Record<string, unknown> {
    const file = readStackFile(dir, stack);
    return { ...JSON.parse(file.config["careplane:compute"] ?? "{}"), ...changes };
}

/**
 * The keys every stack must set, as a repository stack file sets them: where it deploys (its
 * account, the provider's account pin, the deployer) and who holds break-glass. For configs a test
 * writes by hand.
 */
export function deploymentKeys(stack: string): Record<string, string> {
    const { config } = readStackFile(ROOT, stack);
    const keys = ["aws:allowedAccountIds", "careplane:account", "careplane:deployer", "careplane:access"];
    return Object.fromEntries(keys.map((k) => [k, config[k]]));
}

/**
 * Overrides that run a repository stack on ECS: the platform with a certificate, and the stack's services without
 * `exposure: internal` (ECS routes every service through its one internet-facing load balancer).
 */
export function onEcs(
    stack: string,
    certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000001",
) {
    const services = JSON.parse(readStackFile(ROOT, stack).config["careplane:services"] ?? "{}");
    for (const svc of Object.values(services)) delete (svc as { exposure?: string }).exposure;
    return { "careplane:compute": { platform: "ecs", certificateArn }, "careplane:services": services };
}

const cache = new Map<string, Promise<Plan>>();
/** The mock engine is process-wide state: one program runs at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The plan of a run, computed once per key. Specs compute ARNs with the mocks' ambient region (the config of
 * the last run): whoever receives a plan, fresh or cached, finds the config as that plan's run had it, so the
 * order in which specs first ask for a plan does not change what they compute.
 */
function shared(key: string, file: StackFile, program?: string): Promise<Plan> {
    if (!cache.has(key)) {
        const run = queue.then(() => runProgram(file, program));
        queue = run.catch(() => undefined);
        cache.set(key, run);
    }
    const handed = queue
        .then(() => cache.get(key)!)
        .then((plan) => {
            pulumi.runtime.setAllConfig(file.config, file.secretKeys);
            return plan;
        });
    queue = handed.catch(() => undefined);
    return handed;
}

/** The plan of a stack under the mock engine; identical requests share one run. */
export function planOf(stack: string, overrides: Record<string, unknown> = {}, dir = ROOT): Promise<Plan> {
    return shared(JSON.stringify([dir, stack, overrides]), stackFile(stack, overrides, dir));
}

/** The plan of another program (a test fixture) run with a stack's config. */
export function planOfProgram(program: string, stack: string): Promise<Plan> {
    return shared(JSON.stringify([program, stack]), stackFile(stack), program);
}

export async function violationsOf(plan: Plan): Promise<Violation[]> {
    return (await sharedAnalyzer()).evaluate(plan);
}

/** The ARN the mock engine gave a resource of a plan: in the plan's region and account. */
export function arnIn(plan: Plan, r: { type: string; name: string; inputs?: Record<string, unknown> }): string {
    if (!plan.deployment) throw new Error(`the ${plan.stack} plan names no deployment account`);
    if (r.type === "aws:iam/role:Role") return mockRoleArn(r.name, r.inputs ?? {}, plan.deployment.accountId);
    return mockArn(r.type, r.name, plan.deployment.region, plan.deployment.accountId);
}

export function ofType(plan: Plan, type: string): PlannedResource[] {
    return plan.resources.filter((r) => r.type === type);
}

/**
 * A minimal plan around hand-made resources, for testing one control at a time. The plan's stack
 * is `environment`, and every URN names it, as the engine writes them: the pack reads a
 * resource's environment from there.
 */
export function fixturePlan(resources: Array<Partial<PlannedResource> & { type: string; name: string }>, environment = "prod"): Plan {
    const restack = (urn: string) => urn.replace(/^urn:pulumi:[^:]*::/, `urn:pulumi:${environment}::`);
    return {
        project: "careplane",
        stack: environment,
        environment,
        resources: resources.map((r) => ({
            custom: true,
            parent: "",
            provider: "",
            protect: false,
            options: { retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], additionalSecretOutputs: [] },
            inputs: {},
            ...r,
            urn: restack(r.urn ?? `urn:pulumi:${environment}::careplane::${r.type}::${r.name}`),
            ...(r.parent ? { parent: restack(r.parent) } : {}),
            ...(r.provider ? { provider: restack(r.provider) } : {}),
            dependencies: (r.dependencies ?? []).map(restack),
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(restack)])),
        })),
    };
}

/** The violations of one policy on a hand-made plan, with the pack configured as given. */
export async function violationsOfPolicy(policyName: string, plan: Plan, config?: PackConfig): Promise<Violation[]> {
    const found = config ? await (await configuredAnalyzer(config)).evaluate(plan) : await violationsOf(plan);
    return found.filter((v) => v.policyName === policyName);
}

/** Tags every compliant fixture carries. */
export function tagsFor(environment: string, classification = "phi"): Record<string, string> {
    return { Environment: environment, DataClassification: classification, Owner: "platform-team", ManagedBy: "pulumi" };
}
