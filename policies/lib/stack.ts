import { PolicyResource } from "@pulumi/policy";
import { environmentOf } from "./control";
import { Environment, environments, isEnvironment } from "./minimums";

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

/**
 * The environment whose floors a stack-wide rule applies: the strictest one its resources name
 * (a stack mixing tags is held to its strictest), or prod's when none names one.
 */
export function stackEnvironment(resources: PolicyResource[]): Environment {
    const named = resources.map((r) => environmentOf(r.props)).filter(isEnvironment);
    if (named.length === 0) return "prod";
    return named.reduce((a, b) => (environments.indexOf(a) >= environments.indexOf(b) ? a : b));
}

/** A JSON policy document given as a string or an object; undefined when unreadable. */
export function policyDocument(value: unknown): { Statement?: unknown } | undefined {
    if (typeof value === "object" && value !== null) return value as { Statement?: unknown };
    if (typeof value !== "string") return undefined;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

export interface Statement {
    Sid?: string;
    Effect?: string;
    Principal?: unknown;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

export function statementsOf(doc: unknown): Statement[] {
    const s = policyDocument(doc)?.Statement;
    return s === undefined ? [] : Array.isArray(s) ? s : [s as Statement];
}

export function list<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
