// Mutations of real stack plans: each breaks one HIPAA or retention property the way a careless
// change would, and must be caught by a mandatory violation that the unmutated plan does not have.
import { Plan, PlannedResource } from "../../tools/engine/plan";

export interface Mutation {
    /** What the change does, as a reviewer would describe it. */
    what: string;
    stack: "dev" | "test" | "staging" | "prod";
    /** Stack config replaced for this plan (e.g. the ECS platform on staging). */
    overrides?: Record<string, unknown>;
    /** The control expected to catch it. */
    caughtBy: string;
    /** Edits the plan in place (it is a private copy). */
    apply: (plan: Plan) => void;
}

/** The resources of a type (optionally those a predicate picks); a mutation with no target is a broken test. */
export function all(plan: Plan, type: string, pick: (r: PlannedResource) => boolean = () => true): PlannedResource[] {
    const found = plan.resources.filter((r) => r.type === type && pick(r));
    if (found.length === 0) throw new Error(`mutation target missing: no ${type} in ${plan.stack}'s plan`);
    return found;
}

export function one(plan: Plan, type: string, pick?: (r: PlannedResource) => boolean): PlannedResource {
    return all(plan, type, pick)[0];
}

export function remove(plan: Plan, type: string, pick?: (r: PlannedResource) => boolean): void {
    const gone = new Set(all(plan, type, pick).map((r) => r.urn));
    plan.resources = plan.resources.filter((r) => !gone.has(r.urn));
}

export const byName = (fragment: string) => (r: PlannedResource) => r.name.includes(fragment);

/** The pod spec of a Kubernetes workload's template. */
export function podSpec(r: PlannedResource): any {
    return (r.inputs as any).spec.template.spec;
}

/** The first container of a Kubernetes workload. */
export function container(r: PlannedResource): any {
    return podSpec(r).containers[0];
}

/** Edits an ECS task definition's container definitions (a JSON string) in place. */
export function editContainers(r: PlannedResource, edit: (containers: any[]) => void): void {
    const containers = JSON.parse(r.inputs.containerDefinitions as string);
    edit(containers);
    r.inputs.containerDefinitions = JSON.stringify(containers);
}

/**
 * Adds a resource to the plan as the engine would record it: a URN in the plan's stack, and the
 * resources each input property was built from (`refs`).
 */
export function add(
    plan: Plan,
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    refs: Record<string, PlannedResource[]> = {},
): PlannedResource {
    const propertyDependencies = Object.fromEntries(Object.entries(refs).map(([k, rs]) => [k, rs.map((r) => r.urn)]));
    const r: PlannedResource = {
        urn: `urn:pulumi:${plan.stack}::${plan.project}::${type}::${name}`,
        type,
        name,
        custom: true,
        parent: "",
        provider: "",
        protect: false,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
        options: { retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], additionalSecretOutputs: [] },
        inputs,
    };
    plan.resources.push(r);
    return r;
}

/** Edits a JSON policy document input (a role's assumeRolePolicy, a resource's policy) in place. */
export function editPolicy(r: PlannedResource, property: string, edit: (doc: { Statement: any[] }) => void): void {
    const doc = JSON.parse(r.inputs[property] as string);
    edit(doc);
    r.inputs[property] = JSON.stringify(doc);
}

/** The account the plan deploys into (its deployment, from careplane:account). */
export function accountOf(plan: Plan): string {
    if (!plan.deployment) throw new Error(`the ${plan.stack} plan names no deployment account`);
    return plan.deployment.accountId;
}

/** Retags an AWS resource (or labels a Kubernetes object) as another environment's, the way a change could. */
export function retag(r: PlannedResource, environment: string): void {
    const inputs = r.inputs as any;
    if (inputs.tags) inputs.tags.Environment = environment;
    if (inputs.metadata?.labels) inputs.metadata.labels.environment = environment;
}
