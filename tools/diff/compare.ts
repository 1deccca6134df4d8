import { Plan, PlannedResource } from "../engine/plan";
import { replacingInputs, statefulKind, StatefulKind } from "./stateful";

/** One changed leaf of a resource's inputs, values as the plans hold them (secrets masked). */
export interface ValueChange {
    /** e.g. `retentionInDays`, `tags.Owner`, `policy{}.Statement[1].Action` ({} marks a JSON string). */
    path: string;
    before: unknown;
    after: unknown;
}

export interface ChangedResource {
    /** The head's resource. */
    resource: PlannedResource;
    base: PlannedResource;
    /** Top-level input names that differ, sorted. */
    keys: string[];
    changes: ValueChange[];
    protectChanged: boolean;
}

export type WarningKind = "delete" | "replace" | "unprotect";

/** A change that destroys or exposes data: a stateful resource deleted, replaced or unprotected. */
export interface StatefulWarning {
    kind: WarningKind;
    stateful: StatefulKind;
    resource: PlannedResource;
    /** For "replace": the inputs that force it. */
    inputs: string[];
    /** For "delete": the head resource of the same type and name under another URN (a move). */
    movedTo?: string;
}

export interface StackDiff {
    stack: string;
    added: PlannedResource[];
    removed: PlannedResource[];
    changed: ChangedResource[];
    warnings: StatefulWarning[];
}

/**
 * Compares the plans of one stack. Resources are matched by URN without its stack segment, so a
 * plan can be compared with another stack's. Component resources (no cloud object) are left out.
 * A missing plan means the stack does not exist on that side.
 */
export function diffPlans(base: Plan | undefined, head: Plan | undefined): StackDiff {
    const before = byKey(base);
    const after = byKey(head);
    const added = [...after].filter(([k]) => !before.has(k)).map(([, r]) => r);
    const removed = [...before].filter(([k]) => !after.has(k)).map(([, r]) => r);
    const changed = [...after]
        .filter(([k]) => before.has(k))
        .map(([k, r]) => changedResource(before.get(k)!, r))
        .filter((c): c is ChangedResource => c !== undefined);
    return {
        stack: head?.stack ?? base?.stack ?? "",
        added,
        removed,
        changed,
        warnings: [...removed.flatMap((r) => deleteWarning(r, added)), ...changed.flatMap(changeWarnings)],
    };
}

function byKey(plan: Plan | undefined): Map<string, PlannedResource> {
    const custom = (plan?.resources ?? []).filter((r) => r.custom);
    return new Map(custom.map((r) => [r.urn.replace(/^urn:pulumi:[^:]*::/, ""), r]));
}

function changedResource(base: PlannedResource, head: PlannedResource): ChangedResource | undefined {
    const changes = diffValues(base.inputs, head.inputs, "");
    const protectChanged = base.protect !== head.protect;
    if (changes.length === 0 && !protectChanged) return undefined;
    const keys = [...new Set(changes.map((c) => topLevelKey(c.path)))].sort();
    return { resource: head, base, keys, changes, protectChanged };
}

function topLevelKey(path: string): string {
    return /^[^.[{]+/.exec(path)![0];
}

function deleteWarning(removed: PlannedResource, added: PlannedResource[]): StatefulWarning[] {
    const stateful = statefulKind(removed.type);
    if (!stateful) return [];
    const moved = added.find((a) => a.type === removed.type && a.name === removed.name);
    return [{ kind: "delete", stateful, resource: removed, inputs: [], movedTo: moved?.urn }];
}

function changeWarnings(change: ChangedResource): StatefulWarning[] {
    const r = change.resource;
    const stateful = statefulKind(r.type);
    if (!stateful) return [];
    const warnings: StatefulWarning[] = [];
    const forcing = replacingInputs(r.type, change.keys, change.base.inputs, r.inputs);
    if (forcing.length > 0) warnings.push({ kind: "replace", stateful, resource: r, inputs: forcing });
    if (change.protectChanged && !r.protect) warnings.push({ kind: "unprotect", stateful, resource: r, inputs: [] });
    return warnings;
}

/**
 * The changed leaves between two input values. Objects are compared key by key, arrays of the
 * same length item by item, and strings holding JSON documents (IAM policies) inside the document.
 */
export function diffValues(before: unknown, after: unknown, path: string): ValueChange[] {
    if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
        return keys.flatMap((k) => diffValues(before[k], after[k], path ? `${path}.${k}` : k));
    }
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
        return before.flatMap((b, i) => diffValues(b, after[i], `${path}[${i}]`));
    }
    const [docBefore, docAfter] = [jsonDocument(before), jsonDocument(after)];
    if (docBefore && docAfter) return diffValues(docBefore, docAfter, `${path}{}`);
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function jsonDocument(v: unknown): Record<string, unknown> | undefined {
    if (typeof v !== "string" || !v.startsWith("{")) return undefined;
    try {
        const parsed = JSON.parse(v);
        return isObject(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}
