import { Plan, PlannedResource, SECRET_MASK, UNKNOWN_VALUE } from "../engine/plan";

/**
 * Looks resources of a plan up by what other resources' inputs hold of them. Under the mock
 * engine an output reads back as `<name>-id` or as an ARN ending in `<type>/<name>`; a name the
 * program set itself (a vault's or bucket's name) is also a way to refer to it. Names repeat
 * across types, so a reference resolves first among the resources the referrer depends on.
 */
export class PlanIndex {
    readonly byUrn: Map<string, PlannedResource>;
    /** The resources the program declared (not components, not providers). */
    readonly resources: PlannedResource[];
    readonly primaryRegion: string;
    private readonly byKey = new Map<string, PlannedResource[]>();
    private readonly referenceCache = new Map<string, PlannedResource[]>();

    constructor(readonly plan: Plan) {
        this.byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
        this.resources = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
        for (const r of this.resources) for (const key of keysOf(r)) this.byKey.set(key, [...(this.byKey.get(key) ?? []), r]);
        this.primaryRegion = inferPrimaryRegion(this.resources);
    }

    ofType(pattern: RegExp): PlannedResource[] {
        return this.resources.filter((r) => pattern.test(r.type));
    }

    /** The resource a single input value names, if it names exactly one (among the referrer's dependencies first). */
    resolve(from: PlannedResource, value: unknown, type?: RegExp): PlannedResource | undefined {
        if (typeof value !== "string") return undefined;
        const forms = [value, arnKey(value), arnName(value)].map((key) =>
            (this.byKey.get(key ?? "") ?? []).filter((c) => !type || type.test(c.type)),
        );
        const candidates = forms.find((c) => c.length > 0) ?? [];
        const depended = candidates.filter((c) => from.dependencies.includes(c.urn));
        if (depended.length > 0) return depended[0];
        return candidates.length === 1 ? candidates[0] : undefined;
    }

    /** Every resource that any string anywhere in a resource's inputs refers to. */
    references(from: PlannedResource): PlannedResource[] {
        const cached = this.referenceCache.get(from.urn);
        if (cached) return cached;
        const found = new Set<PlannedResource>();
        for (const s of strings(from.inputs)) {
            const r = this.resolve(from, s);
            if (r && r !== from) found.add(r);
        }
        const result = [...found];
        this.referenceCache.set(from.urn, result);
        return result;
    }

    /** Resources whose inputs refer to the given one. */
    referrers(to: PlannedResource, type?: RegExp): PlannedResource[] {
        return this.resources.filter((r) => (!type || type.test(r.type)) && this.references(r).includes(to));
    }

    /** The region a resource lives in: its explicit provider's, else the stack's own. */
    regionOf(r: PlannedResource): string {
        const region = this.byUrn.get(r.provider)?.inputs.region;
        return typeof region === "string" ? region : this.primaryRegion;
    }
}

/** A resource's display name: its Name tag, else the name it was given in AWS, else its Pulumi name. */
export function titleOf(r: PlannedResource): string {
    const i = r.inputs as Record<string, any>;
    const candidates = [i.tags?.Name, i.metadata?.name, i.identifier, i.replicationGroupId, i.bucket, i.name, i.nodeGroupName, i.alarmName];
    return candidates.find((c): c is string => typeof c === "string" && c !== UNKNOWN_VALUE) ?? r.name;
}

/** `aws:rds/instance:Instance` → `Instance`. */
export function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

export function strings(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(strings);
    if (value && typeof value === "object") return Object.values(value).flatMap(strings);
    return [];
}

function keysOf(r: PlannedResource): string[] {
    const [, module, resource] = r.type.split(":");
    const i = r.inputs as Record<string, unknown>;
    const named = [i.name, i.bucket, i.identifier, i.replicationGroupId].filter(
        (v): v is string => typeof v === "string" && v !== UNKNOWN_VALUE && v !== SECRET_MASK,
    );
    const keys = [`${r.name}-id`, `${module?.split("/")[0]}:${resource?.toLowerCase()}/${r.name}`, ...named];
    if (typeof i.arn === "string") keys.push(i.arn);
    return keys;
}

/** `arn:aws:s3:us-west-2:123456789012:bucket/backups-dr` → `s3:bucket/backups-dr`. */
function arnKey(value: string): string | undefined {
    if (!value.startsWith("arn:")) return undefined;
    const parts = value.split(":");
    return parts.length >= 6 ? `${parts[2]}:${parts.slice(5).join(":")}` : undefined;
}

/** A real ARN ends in the resource's own name: `arn:aws:s3:::<bucket>`, `…:backup-vault:<name>`. */
function arnName(value: string): string | undefined {
    if (!value.startsWith("arn:")) return undefined;
    return value.split(/[:/]/).pop() || undefined;
}

/** The stack's region is not recorded; the zones and ARNs its default-provider resources name tell it. */
function inferPrimaryRegion(resources: PlannedResource[]): string {
    const counts = new Map<string, number>();
    for (const r of resources) {
        if (r.provider) continue;
        for (const s of strings(r.inputs)) {
            const region =
                /^arn:aws[a-z-]*:[^:]+:([a-z]{2}(?:-gov)?-[a-z]+-\d):/.exec(s)?.[1] ?? /^([a-z]{2}(?:-gov)?-[a-z]+-\d)[a-z]$/.exec(s)?.[1];
            if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
        }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "default region";
}
