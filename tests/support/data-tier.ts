// Shared by the database, cache and secrets specs.
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../../components/config/stack-config";
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { arnIn, ofType, stackFile } from "./engine";

/**
 * One prod variant with every optional data-tier feature on (tunables [003], the analytics
 * database [000], extra entries, four shards), so all the specs that need one
 * share a single program run.
 */
export const EVERYTHING_ON = {
    "careplane:database": {
        parameters: { workMem: "256MB", sharedBuffers: "4GB", maxParallelWorkersPerGather: 4 },
        analytics: {
            enabled: true,
            instanceClass: "db.r6g.large",
            storageGb: 50,
            maxStorageGb: 500,
        },
    },
    "careplane:cache": { clusterMode: true, shards: 4, replicasPerShard: 1 },
    "careplane:secrets": { names: ["mail", "payments-api"] },
};

export function byName(plan: Plan, type: string, name: string): PlannedResource {
    const found = plan.resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`${type} ${name} is not in the plan`);
    return found;
}

export function tagsOf(r: PlannedResource): Record<string, string> {
    return r.inputs.tags as Record<string, string>;
}

/** The ARN the mock engine gives the stack's KMS key of a class (data, logs, secrets, ...). */
export function keyArn(plan: Plan, keyClass: string): string {
    const key = ofType(plan, "aws:kms/key:Key").find((k) => tagsOf(k).KeyClass === keyClass);
    if (!key) throw new Error(`no ${keyClass} key in the plan`);
    return arnIn(plan, key);
}

/** IDs (as the mocks assign them) of the network's isolated data subnets. */
export function dataSubnetIds(plan: Plan): string[] {
    return ofType(plan, "aws:ec2/subnet:Subnet")
        .filter((s) => tagsOf(s).Tier === "data")
        .map((s) => `${s.name}-id`);
}

/** The one-line message a stack file gets for a value of one config area; fails if it is accepted. */
export function rejection(stack: string, area: string, value: Record<string, unknown>): string {
    const file = stackFile(stack, { [`careplane:${area}`]: value });
    try {
        parseStackConfig(file.config, file.file);
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        return (e as Error).message;
    }
    throw new Error(`careplane:${area} ${JSON.stringify(value)} was accepted`);
}
