// Argument constraints generated from AWS's API models (tools/readiness/generate): each entry of the
// committed table checks one input property of one resource type against its API shape's min, max,
// pattern and enum.
import { PlannedResource, SECRET_MASK, UNKNOWN_VALUE } from "../../../engine/plan";
import { stackRule, StackRule } from "../../rule";
import table from "./table.json";

export interface Constraint {
    type: string;
    /** Input property path: `rules[].lifecycle.deleteAfter`. */
    path: string;
    /** Where the constraint comes from: `logs/CreateLogGroupRequest.logGroupName (LogGroupName)`, or a CloudFormation property. */
    origin: string;
    source: string;
    min?: number;
    max?: number;
    pattern?: string;
    /** The flags the pattern compiles with in JavaScript (`u` unless it needs plain mode). */
    flags?: string;
    enum?: Array<string | number>;
    /** Whether min and max bound a string's length (strings) or the value (numbers). */
    kind: "string" | "number";
}

export const CONSTRAINTS = (table as { constraints: Constraint[] }).constraints;

/** The values at a property path (`a.b[].c`), each with the concrete path it was found at. */
export function valuesAt(inputs: Record<string, unknown>, path: string): Array<{ at: string; value: unknown }> {
    let current: Array<{ at: string; value: unknown }> = [{ at: "", value: inputs }];
    for (const part of path.split(".")) {
        const isList = part.endsWith("[]");
        const key = isList ? part.slice(0, -2) : part;
        current = current.flatMap(({ at, value }) => {
            const next = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
            const here = at ? `${at}.${key}` : key;
            if (next === undefined) return [];
            if (!isList) return [{ at: here, value: next }];
            return Array.isArray(next) ? next.map((v, i) => ({ at: `${here}[${i}]`, value: v })) : [];
        });
    }
    return current;
}

/** Why a value breaks a constraint, or undefined when it keeps it. */
export function violation(c: Constraint, value: unknown): string | undefined {
    if (value === SECRET_MASK || value === UNKNOWN_VALUE || value === undefined || value === null) return undefined;
    if (c.enum && !c.enum.map(String).includes(String(value))) return `${JSON.stringify(value)} is not one of ${c.enum.join(", ")}`;
    if (c.kind === "string") {
        if (typeof value !== "string") return undefined;
        if (c.min !== undefined && value.length < c.min) return `"${value}" is shorter than ${c.min} characters`;
        if (c.max !== undefined && value.length > c.max) return `"${value.slice(0, 40)}…" is longer than ${c.max} characters`;
        if (c.pattern && !new RegExp(c.pattern, c.flags ?? "u").test(value)) return `"${value}" does not match ${c.pattern}`;
    } else {
        const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
        if (Number.isNaN(n)) return undefined;
        if (c.min !== undefined && n < c.min) return `${n} is below the minimum ${c.min}`;
        if (c.max !== undefined && n > c.max) return `${n} is above the maximum ${c.max}`;
    }
    return undefined;
}

export const ruleIdOf = (c: Constraint) => `constraints/${c.type.split(":")[1]}.${c.path}`;

function generatedRule(c: Constraint): StackRule {
    return stackRule(
        { id: ruleIdOf(c), family: "constraints", description: `${c.type.split(":").pop()}.${c.path}: ${c.origin}`, source: c.source },
        (ctx, rule) =>
            ctx.ofType(c.type).flatMap((r: PlannedResource) =>
                valuesAt(r.inputs, c.path).flatMap(({ at, value }) => {
                    // A value built from another resource (its id or ARN) is the one AWS gives that resource.
                    const named = ctx.index.resolve(r, value);
                    if (named && named !== r) return [];
                    const why = violation(c, value);
                    return why
                        ? [
                              ctx.finding(rule, r, {
                                  message: `${at}: ${why} (${c.origin})`,
                                  awsError: "ValidationException",
                                  fix: `give ${at} a value the API accepts`,
                              }),
                          ]
                        : [];
                }),
            ),
    );
}

export const generatedRules: StackRule[] = CONSTRAINTS.map(generatedRule);
