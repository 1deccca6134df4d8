// Reading facts about recorded resources that several specs need: region, tags, relations.
import { Plan, PlannedResource } from "../../tools/engine/plan";

export const tagsOf = (r: PlannedResource): Record<string, string> => (r.inputs.tags as Record<string, string> | undefined) ?? {};

/** The region a resource is created in: its explicit provider's, or the stack's own. */
export function regionOf(plan: Plan, r: PlannedResource, stackRegion: string): string {
    const provider = plan.resources.find((p) => p.urn === r.provider && p.type === "pulumi:providers:aws");
    return (provider?.inputs.region as string | undefined) ?? stackRegion;
}

/** The resource of a type that shares a logical name with another (a bucket's versioning, policy, …). */
export function sibling(plan: Plan, of: PlannedResource, type: string): PlannedResource | undefined {
    return plan.resources.find((r) => r.type === type && r.name === of.name && r.parent === of.parent);
}

export function byUrn(plan: Plan, urn: string): PlannedResource | undefined {
    return plan.resources.find((r) => r.urn === urn);
}
