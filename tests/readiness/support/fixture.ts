// Hand-made plans for one rule at a time.
import { Plan, PlannedResource } from "../../../tools/engine/plan";

export class Fixture {
    readonly plan: Plan;

    constructor(environment = "prod", stack = environment) {
        this.plan = { project: "careplane", stack, environment, resources: [] };
    }

    /** Adds a resource (its URN from type and name) that waits for `after`. */
    add(
        type: string,
        name: string,
        inputs: Record<string, unknown> = {},
        after: PlannedResource[] = [],
        extra: Partial<PlannedResource> = {},
    ): PlannedResource {
        const r: PlannedResource = {
            urn: `urn:pulumi:${this.plan.stack}::careplane::${type}::${name}`,
            type,
            name,
            custom: true,
            parent: "",
            provider: "",
            protect: false,
            dependencies: after.map((a) => a.urn),
            propertyDependencies: {},
            options: { retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], additionalSecretOutputs: [] },
            inputs,
            ...extra,
        };
        this.plan.resources.push(r);
        return r;
    }
}

/** `{a: {b: [{c: value}]}}` for the path `a.b[].c`. */
export function nested(path: string, value: unknown): Record<string, unknown> {
    const parts = path.split(".");
    let inner: unknown = value;
    for (const part of parts.reverse()) {
        const key = part.replace(/\[\]$/, "");
        inner = { [key]: part.endsWith("[]") ? [inner] : inner };
    }
    return inner as Record<string, unknown>;
}
