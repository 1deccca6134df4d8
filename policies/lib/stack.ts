// Reading a stack's resources in a stack control: a property is read only once the resource's type
// is known (ofType, referencing), so each read is checked against that type's properties.
import { PolicyResource } from "@pulumi/policy";
import { isOneOf, PropsOf, ResourceType } from "./resource-types";

/** A resource of the stack whose type is not known yet: its properties cannot be read. */
export type StackResource = Omit<PolicyResource, "props" | "parent" | "dependencies" | "propertyDependencies"> & {
    props: unknown;
    parent?: StackResource;
    dependencies: StackResource[];
    propertyDependencies: Record<string, StackResource[]>;
};

/** A resource of one of the types T, its properties typed from its type (a union narrowed by `type`). */
export type Typed<T extends ResourceType> = T extends ResourceType
    ? Omit<StackResource, "type" | "props"> & { type: T; props: PropsOf<T> }
    : never;

export function ofType<T extends ResourceType>(resources: readonly StackResource[], ...types: readonly T[]): Typed<T>[] {
    return resources.filter((r) => isOneOf(types, r.type)) as Typed<T>[];
}

/** Resources of the given types whose input `property` was built from an output of `target`. */
export function referencing<T extends ResourceType>(
    resources: readonly StackResource[],
    target: StackResource,
    property: string,
    ...types: readonly T[]
): Typed<T>[] {
    return ofType(resources, ...types).filter((r) => (r.propertyDependencies?.[property] ?? []).some((d) => d.urn === target.urn));
}

/** The resources an input property of `r` was built from. */
export function referencedBy(r: StackResource, property: string): StackResource[] {
    return r.propertyDependencies?.[property] ?? [];
}

/**
 * A property read by name on a resource of any type (for a table of properties that several types
 * share, such as the JSON documents), not typed from one type: the caller checks the value it gets.
 */
export function propertyOf(r: { props: unknown }, property: string): unknown {
    return (r.props as Record<string, unknown> | undefined)?.[property];
}

/** Whether a resource is of the given type (or one of them), so that its properties can be read as that type's. */
export function is<T extends ResourceType>(r: StackResource, types: T | readonly T[]): r is Typed<T> {
    return typeof types === "string" ? r.type === types : isOneOf(types, r.type);
}
