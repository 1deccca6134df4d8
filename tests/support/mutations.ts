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
