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

export type StringCondition = { key: string; value: string };

/** Whether a selection's conditions (all must hold) pick a resource with these tags. */
export function selects(selection: PlannedResource, tags: Record<string, string>): boolean {
    const conditions = selection.inputs.conditions as Array<{ stringEquals?: StringCondition[]; stringNotEquals?: StringCondition[] }>;
    const resources = selection.inputs.resources as string[];
    const tag = (c: StringCondition) => (c.key.startsWith("aws:ResourceTag/") ? tags[c.key.slice("aws:ResourceTag/".length)] : undefined);
    const equals = conditions.flatMap((c) => c.stringEquals ?? []);
    const notEquals = conditions.flatMap((c) => c.stringNotEquals ?? []);
    return (
        resources.includes("*") &&
        equals.length > 0 &&
        equals.every((c) => tag(c) === c.value) &&
        notEquals.every((c) => tag(c) !== c.value)
    );
}
