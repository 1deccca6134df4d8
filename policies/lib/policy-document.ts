// IAM policy documents (identity, trust and resource policies) as the program passed them: JSON
// text or an object. A computed value the preview cannot see reads as no statements.
import { readJson } from "./json";

export type Condition = Record<string, Record<string, unknown>>;

export interface Statement {
    Sid?: string;
    Effect?: string;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: Condition;
}

/** The document, or undefined when it is not there yet or unreadable (careplane-json-readable fails the latter). */
export function policyDocument(value: unknown): { Statement?: unknown } | undefined {
    return readJson<{ Statement?: unknown }>(value, "policy").value;
}

export function statementsOf(doc: unknown): Statement[] {
    const s = policyDocument(doc)?.Statement;
    return s === undefined ? [] : Array.isArray(s) ? s : [s as Statement];
}

export function list<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** How a finding names a statement: its Sid, or its position. */
export function statementLabel(s: Statement, index: number): string {
    return s.Sid ? `statement ${s.Sid}` : `statement ${index + 1}`;
}
