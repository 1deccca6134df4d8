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

const ROLE_PERMISSIONS = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/rolePolicy:RolePolicy"];

/** The attachments and inline policies that give a role its permissions. */
export function permissionsOf(plan: Plan, role: PlannedResource): PlannedResource[] {
    return plan.resources.filter((r) => ROLE_PERMISSIONS.includes(r.type) && r.dependencies.includes(role.urn));
}

/** Every resource `r` waits for, directly or through its dependencies. */
export function waitsFor(plan: Plan, r: PlannedResource): Set<string> {
    const seen = new Set<string>();
    const visit = (x: PlannedResource) => {
        for (const d of x.dependencies) {
            if (seen.has(d)) continue;
            seen.add(d);
            const next = byUrn(plan, d);
            if (next) visit(next);
        }
    };
    visit(r);
    return seen;
}

/**
 * The role a resource hands to an AWS service through `property`, and which of that role's
 * permissions the resource would be created without (none, when it waits for all of them).
 */
export function rolePermissionsNotAwaited(plan: Plan, r: PlannedResource, property: string) {
    const role = (r.propertyDependencies[property] ?? []).map((u) => byUrn(plan, u)).find((d) => d?.type === "aws:iam/role:Role");
    if (!role) throw new Error(`${r.type} ${r.name}: ${property} was not built from a role of the plan`);
    const awaited = waitsFor(plan, r);
    const permissions = permissionsOf(plan, role);
    return { role, permissions, missing: permissions.filter((p) => !awaited.has(p.urn)).map((p) => p.name) };
}
