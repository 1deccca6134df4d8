import {
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { environmentOfUrn } from "./environment";
import { Environment } from "./minimums";
import { PropsOf, ResourceType } from "./resource-types";
import { ofType, StackResource, Typed } from "./stack";

export type Severity = "low" | "medium" | "high" | "critical";

/** What every careplane control declares about itself; docs/policies.md and the compliance report read it. */
export interface ControlMeta {
    /** `careplane-<service>-<what>`. */
    name: string;
    description: string;
    /** HIPAA Security Rule (45 CFR 164 Subpart C) sections the control enforces. */
    hipaa: string[];
    severity: Severity;
    /** Mandatory for HIPAA and retention controls; advisory for good practice. */
    enforcementLevel: "mandatory" | "advisory";
    /** The cdk-nag HIPAA.Security rules it matches; empty when careplane alone checks this. */
    cdkNag: string[];
    /** The resource types it examines (the compliance report lists them as checked). */
    types: readonly string[];
}

/** One thing wrong with a resource, and what would be right. */
export interface Finding {
    problem: string;
    expected: string;
}

/** What a check knows about the resource besides its properties. */
export interface Subject<T extends string = string> {
    type: T;
    name: string;
    urn: string;
    /** The stack's environment (from the URN), never a tag or label the change could edit. */
    environment: Environment;
    protect: boolean;
}

/**
 * Narrows a check's properties to those of one of its types, by the subject's type (a control on
 * several types reads a property only where its type has it).
 */
export function isType<U extends ResourceType>(subject: Subject, types: U | readonly U[], _props: unknown): _props is PropsOf<U> {
    return typeof types === "string" ? subject.type === types : (types as readonly string[]).includes(subject.type);
}

type CheckResult = Finding | Finding[] | undefined;

export function framework(sections: string[]) {
    return {
        name: "HIPAA Security Rule",
        version: "45 CFR 164 Subpart C",
        reference: "https://www.hhs.gov/hipaa/for-professionals/security/laws-regulations/index.html",
        specification: sections.join(", "),
    };
}

export function message(meta: ControlMeta, subject: { name: string; type: string }, finding: Finding): string {
    return `${subject.name} (${subject.type}): ${finding.problem}; expected ${finding.expected} [HIPAA ${meta.hipaa.join(", ")}]`;
}

function findings(result: CheckResult): Finding[] {
    return result === undefined ? [] : Array.isArray(result) ? result : [result];
}

function base(meta: ControlMeta) {
    return {
        name: meta.name,
        description: meta.description,
        enforcementLevel: meta.enforcementLevel,
        severity: meta.severity,
        framework: framework(meta.hipaa),
    };
}

export interface Control {
    meta: ControlMeta;
    policy: ResourceValidationPolicy | StackValidationPolicy;
}

/**
 * A control that looks at one resource of the given types at a time. Its check receives the
 * properties typed from those types (their union when several), as validateResourceOfType types them.
 */
export function resourceControl<const T extends ResourceType>(
    meta: ControlMeta & { types: readonly T[]; check: (props: PropsOf<T>, subject: Subject<T>) => CheckResult },
): Control {
    const types = new Set<string>(meta.types);
    const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!types.has(args.type)) return;
        const subject = {
            type: args.type as T,
            name: args.name,
            urn: args.urn,
            environment: environmentOfUrn(args.urn),
            protect: args.opts.protect === true,
        };
        for (const f of findings(meta.check(args.props as PropsOf<T>, subject))) report(message(meta, args, f));
    };
    // The analyzer deserializes a resource's properties once per policy, unless the validator carries
    // the one type it applies to (the marker validateResourceOfType sets): then it skips other types
    // without deserializing. The check above stays, so a pack host that ignores the marker loses nothing.
    if (types.size === 1) Object.assign(validateResource, { __pulumiType: [...types][0] });
    return { meta, policy: { ...base(meta), validateResource } };
}

/** A control that needs the whole stack (relations between resources, or something missing). */
export function stackControl<Config extends object = Record<string, never>>(
    meta: ControlMeta & {
        /** Pack configuration the control accepts (`pulumi up --policy-pack-config`), checked by the CLI. */
        configSchema?: PolicyConfigSchema;
        /** Properties are read through ofType / referencing, which type them from the resource's type. */
        check: (resources: StackResource[], report: (resource: StackResource | undefined, f: Finding) => void, config: Config) => void;
    },
): Control {
    const validateStack = (args: { resources: StackResource[]; getConfig<T extends object>(): T }, report: ReportViolation) => {
        meta.check(
            args.resources,
            (resource, f) => report(message(meta, resource ?? { name: "stack", type: "pulumi:pulumi:Stack" }, f), resource?.urn),
            args.getConfig<Config>(),
        );
    };
    const { configSchema } = meta;
    return { meta, policy: { ...base(meta), ...(configSchema ? { configSchema } : {}), validateStack } };
}

/** Resources of a type that depend on (were built from an output of) a given resource. */
export function dependents<T extends ResourceType>(resources: StackResource[], of: StackResource, type: T): Typed<T>[] {
    return ofType(resources, type).filter((r) => r.dependencies.some((d) => d.urn === of.urn));
}
