import { ControlMeta } from "../../policies/lib/control";
import { controls } from "../../policies/pack";
import { Violation } from "../engine/analyzer";
import { Plan } from "../engine/plan";

export interface ExaminedResource {
    urn: string;
    name: string;
    type: string;
    passed: boolean;
    /** The control's messages about this resource (empty when it passed). */
    messages: string[];
}

export interface ControlResult {
    control: ControlMeta;
    examined: ExaminedResource[];
    /** Findings about the stack as a whole (something missing), not about one resource. */
    stackFindings: string[];
    passed: boolean;
}

export interface SectionResult {
    /** A HIPAA Security Rule section, e.g. 164.312(b). */
    section: string;
    controls: ControlResult[];
    passed: boolean;
}

/** HIPAA section → control → resources examined → pass/fail, computed from a plan and its violations. */
export function complianceModel(plan: Plan, violations: Violation[]): SectionResult[] {
    const results = controls.map(({ meta }) => controlResult(meta, plan, violations));
    const sections = [...new Set(controls.flatMap((c) => c.meta.hipaa))].sort(compareSections);
    return sections
        .map((section) => {
            const forSection = results.filter((r) => r.control.hipaa.includes(section));
            return { section, controls: forSection, passed: forSection.every((r) => r.passed) };
        })
        .sort((a, b) => Number(a.passed) - Number(b.passed));
}

function controlResult(control: ControlMeta, plan: Plan, violations: Violation[]): ControlResult {
    const own = violations.filter((v) => v.policyName === control.name);
    const types = new Set(control.types);
    const examined = plan.resources
        .filter((r) => types.has(r.type))
        .map((r) => {
            const messages = own.filter((v) => v.urn === r.urn).map((v) => v.message);
            return { urn: r.urn, name: r.name, type: r.type, passed: messages.length === 0, messages };
        })
        .sort((a, b) => Number(a.passed) - Number(b.passed));
    const known = new Set(examined.map((e) => e.urn));
    const stackFindings = own.filter((v) => !known.has(v.urn)).map((v) => v.message);
    const passed = control.enforcementLevel === "advisory" || own.length === 0;
    return { control, examined, stackFindings, passed };
}

/** 164.308(a)(1)(ii)(A) before 164.308(a)(3)(i) before 164.312(a)(1): numeric where numbers differ. */
function compareSections(a: string, b: string): number {
    return a.localeCompare(b, "en", { numeric: true });
}
