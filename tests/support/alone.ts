// One component built on its own under the mock engine, with the args a test hands it (pulumi/examples testing-unit-ts).
import { StackConfig, parseStackConfig } from "../../components/config/stack-config";
import { PlatformContext } from "../../components/context";
import { DisasterRecoveryRegion } from "../../components/backup/dr-region";
import { EksClusterArgs } from "../../components/compute/eks-cluster";
import { ComputeConfig } from "../../components/config/schema/compute";
import { runComponent } from "../../tools/engine/program";
import { PlannedResource } from "../../tools/engine/plan";
import { stackFile } from "./engine";

export const ACCOUNT = "123456789012";
export const PARTITION = "aws";
/** A key ARN of the stack's region, for args that take one. */
export const keyArn = (name: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${name}`;

/** What a component built alone registered: every resource, and the component itself by its type token. */
export interface Built {
    resources: PlannedResource[];
    /** The resources of a type. */
    ofType(type: string): PlannedResource[];
    /** The one resource of a type, or a failure naming it. */
    one(type: string): PlannedResource;
}

/**
 * Builds what `build` constructs, with the context and parsed config of a root stack (dev unless given),
 * and nothing else of the platform.
 */
export async function buildAlone(
    build: (context: PlatformContext, config: StackConfig) => unknown,
    stack = "dev",
    overrides: Record<string, unknown> = {},
): Promise<Built> {
    const file = stackFile(stack, overrides);
    const config = parseStackConfig(file.config, file.file);
    const resources = await runComponent(file, () => build(PlatformContext.of(config), config));
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    return {
        resources,
        ofType,
        one(type) {
            const found = ofType(type);
            if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
            return found[0];
        },
    };
}

/** A resource's input that holds a JSON document (a policy, a trust policy), parsed. */
export function documentOf(resource: PlannedResource, input = "policy"): any {
    const text = resource.inputs[input];
    if (typeof text !== "string") throw new Error(`${resource.name}.${input} is not a JSON string`);
    return JSON.parse(text);
}

/** A DR region pinned to ACCOUNT: what the components that copy backups across regions are built beside. */
export function drRegionAlone(context: PlatformContext, region: string): DisasterRecoveryRegion {
    return new DisasterRecoveryRegion("dr", { context, region, allowedAccountId: ACCOUNT, accountId: ACCOUNT, partition: PARTITION });
}

/** An EKS cluster's args in a stand-in VPC of two app subnets, with the stack's compute config unless changed. */
export function clusterArgs(context: PlatformContext, compute: ComputeConfig, changes: Partial<EksClusterArgs> = {}): EksClusterArgs {
    return {
        context,
        appSubnetIds: ["subnet-app-a", "subnet-app-b"],
        vpcId: "vpc-0123",
        vpcCidr: "10.42.0.0/16",
        accountId: ACCOUNT,
        clusterKeyArn: keyArn("cluster"),
        logsKeyArn: keyArn("logs"),
        nodeVolumeKeyArn: keyArn("data"),
        partition: PARTITION,
        config: compute,
        workloadsNamespace: "clinic",
        multiAz: false,
        ...changes,
    };
}
