import {
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { environmentOfUrn } from "./environment";
import { Environment } from "./minimums";

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
    types: string[];
}

/** One thing wrong with a resource, and what would be right. */
export interface Finding {
    problem: string;
    expected: string;
}

/** What a check knows about the resource besides its properties. */
export interface Subject {
    type: string;
    name: string;
    urn: string;
    /** The stack's environment (from the URN), never a tag or label the change could edit. */
    environment: Environment;
    protect: boolean;
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

/** A control that looks at one resource of the given types at a time. */
export function resourceControl(meta: ControlMeta & { check: (props: any, subject: Subject) => CheckResult }): Control {
    const types = new Set(meta.types);
    const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!types.has(args.type)) return;
        const subject = {
            type: args.type,
            name: args.name,
            urn: args.urn,
            environment: environmentOfUrn(args.urn),
            protect: args.opts.protect === true,
        };
        for (const f of findings(meta.check(args.props, subject))) report(message(meta, args, f));
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
        check: (resources: PolicyResource[], report: (resource: PolicyResource | undefined, f: Finding) => void, config: Config) => void;
    },
): Control {
    const validateStack = (args: { resources: PolicyResource[]; getConfig<T extends object>(): T }, report: ReportViolation) => {
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
export function dependents(resources: PolicyResource[], of: PolicyResource, type: string): PolicyResource[] {
    return resources.filter((r) => r.type === type && r.dependencies.some((d) => d.urn === of.urn));
}
