// The stacks of a run grouped by the AWS account (and region) their resources land in.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";

export interface Placed {
    ctx: ReadinessContext;
    resource: PlannedResource;
}

/** Resources of the given types from every stack, keyed by account (and region, when the scope is regional). */
export function byAccount(
    stacks: ReadinessContext[],
    select: (ctx: ReadinessContext) => PlannedResource[],
    regional: boolean,
): Map<string, Placed[]> {
    const groups = new Map<string, Placed[]>();
    for (const ctx of stacks) {
        for (const resource of select(ctx)) {
            const region = str(resource.inputs.region) ?? ctx.regionOf(resource);
            const key = regional ? `${ctx.account} ${region}` : ctx.account;
            groups.set(key, [...(groups.get(key) ?? []), { ctx, resource }]);
        }
    }
    return groups;
}

export const where = (key: string) => {
    const [account, region] = key.split(" ");
    return region ? `account ${account} in ${region}` : `account ${account}`;
};
