// IAM policy documents as the program writes them (JSON strings in a plan's inputs), read back.
import { SECRET_MASK, UNKNOWN_VALUE } from "../engine/plan";

export type Principal = "*" | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export interface Statement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: Principal;
    NotPrincipal?: Principal;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
    Version?: string;
    Statement: Statement[];
}

/** A policy input (a JSON string or an object); undefined when it is masked, unknown or not a policy. */
export function parsePolicy(value: unknown): PolicyDocument | undefined {
    if (value === undefined || value === SECRET_MASK || value === UNKNOWN_VALUE) return undefined;
    let doc: unknown = value;
    if (typeof value === "string") {
        try {
            doc = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (!doc || typeof doc !== "object") return undefined;
    const statements = (doc as { Statement?: unknown }).Statement;
    if (statements === undefined) return undefined;
    return { ...(doc as PolicyDocument), Statement: (Array.isArray(statements) ? statements : [statements]) as Statement[] };
}

export const asList = (value: string | string[] | undefined): string[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];

export interface NamedPrincipal {
    kind: "AWS" | "Service" | "Federated" | "*";
    value: string;
    statement: Statement;
}

/** Every principal a policy names (in Principal or NotPrincipal). */
export function principalsOf(doc: PolicyDocument): NamedPrincipal[] {
    const found: NamedPrincipal[] = [];
    for (const statement of doc.Statement) {
        for (const p of [statement.Principal, statement.NotPrincipal]) {
            if (p === undefined) continue;
            if (p === "*") {
                found.push({ kind: "*", value: "*", statement });
                continue;
            }
            for (const kind of ["AWS", "Service", "Federated"] as const) {
                for (const value of asList(p[kind])) found.push({ kind: value === "*" ? "*" : kind, value, statement });
            }
        }
    }
    return found;
}

/** `arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` → the service. */
export function serviceLinkedRoleService(arn: string): string | undefined {
    return /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\/([^/]+)\//.exec(arn)?.[1];
}

/** `arn:aws:iam::123456789012:root` (or the bare account id), the account as a principal. */
export function isAccountPrincipal(value: string): boolean {
    return /^\d{12}$/.test(value) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(value);
}
