import { PolicyResource } from "@pulumi/policy";

export function ofType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
}

/** Resources of the given types whose input `property` was built from an output of `target`. */
export function referencing(resources: PolicyResource[], target: PolicyResource, property: string, ...types: string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type) && (r.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn));
}

/** The resources an input property of `r` was built from. */
export function referencedBy(r: PolicyResource, property: string): PolicyResource[] {
    return r.propertyDependencies?.[property] ?? [];
}
