import { Plan, PlannedResource } from "../engine/plan";

/**
 * The order `pulumi up` creates a plan's resources in: a resource waits for everything it depends on
 * (its recorded dependencies, a component standing for all the resources under it) and for its
 * explicit provider, which itself waits for what it depends on. `pulumi destroy` walks it backwards.
 */
export class DependencyGraph {
    private readonly byUrn: Map<string, PlannedResource>;
    private readonly direct = new Map<string, string[]>();
    private readonly closures = new Map<string, Set<string>>();

    constructor(plan: Plan) {
        this.byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
        const children = new Map<string, string[]>();
        for (const r of plan.resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
        const expand = (urn: string, seen = new Set<string>()): string[] => {
            const r = this.byUrn.get(urn);
            if (!r || r.custom || seen.has(urn)) return r ? [urn] : [];
            seen.add(urn);
            return (children.get(urn) ?? []).flatMap((c) => expand(c, seen));
        };
        for (const r of plan.resources) {
            const deps = [...r.dependencies, ...(r.provider ? [r.provider] : [])].flatMap((d) => expand(d));
            this.direct.set(
                r.urn,
                [...new Set(deps)].filter((d) => d !== r.urn),
            );
        }
    }

    /** Everything a resource waits for before it is created, directly or through others. */
    prerequisitesOf(urn: string): Set<string> {
        let closure = this.closures.get(urn);
        if (closure) return closure;
        closure = new Set<string>();
        this.closures.set(urn, closure);
        for (const d of this.direct.get(urn) ?? []) {
            closure.add(d);
            for (const t of this.prerequisitesOf(d)) closure.add(t);
        }
        return closure;
    }

    /** Whether `later` is created only once `earlier` exists (and so is deleted before it). */
    waitsFor(later: PlannedResource | string, earlier: PlannedResource | string): boolean {
        const a = typeof later === "string" ? later : later.urn;
        const b = typeof earlier === "string" ? earlier : earlier.urn;
        return this.prerequisitesOf(a).has(b);
    }

    /** The resources in the order `pulumi destroy` deletes them: whatever depends on a resource goes first. */
    deletionOrder(): PlannedResource[] {
        const order: PlannedResource[] = [];
        const seen = new Set<string>();
        const visit = (urn: string) => {
            if (seen.has(urn)) return;
            seen.add(urn);
            for (const d of this.direct.get(urn) ?? []) visit(d);
            const r = this.byUrn.get(urn);
            if (r) order.push(r);
        };
        for (const urn of this.byUrn.keys()) visit(urn);
        return order.reverse();
    }
}
