import { Violation } from "./analyzer";
import { Plan } from "./plan";

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Resource counts per top-level component, then per type within it. */
export function resourcesByComponent(plan: Plan): Map<string, Map<string, number>> {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const topLevel = (urn: string): string => {
        let r = byUrn.get(urn);
        while (r && r.parent && byUrn.get(r.parent)?.type !== STACK_TYPE && byUrn.has(r.parent)) r = byUrn.get(r.parent);
        return r ? `${r.type} ${r.name}` : urn;
    };
    const groups = new Map<string, Map<string, number>>();
    for (const r of plan.resources) {
        if (!r.custom) continue;
        const group = topLevel(r.urn);
        const types = groups.get(group) ?? new Map<string, number>();
        types.set(r.type, (types.get(r.type) ?? 0) + 1);
        groups.set(group, types);
    }
    return groups;
}

export function formatSummary(
    plan: Plan,
    violations: Violation[],
    timings: { programMs?: number; policyMs: number },
    planFile: string,
): string {
    const custom = plan.resources.filter((r) => r.custom).length;
    const time = [
        timings.programMs !== undefined ? `program ${(timings.programMs / 1000).toFixed(2)} s` : undefined,
        `policies ${(timings.policyMs / 1000).toFixed(2)} s`,
    ]
        .filter(Boolean)
        .join(", ");
    const lines = [`── ${plan.stack} (${plan.environment}): ${custom} resources; ${time}`];
    for (const [component, types] of resourcesByComponent(plan)) {
        const total = [...types.values()].reduce((a, b) => a + b, 0);
        const detail = [...types.entries()].map(([t, n]) => `${t.split(":").pop()} ${n}`).join(", ");
        lines.push(`   ${component.padEnd(48)} ${String(total).padStart(4)}  ${detail}`);
    }
    for (const level of ["mandatory", "advisory"] as const) {
        const found = violations.filter((v) => v.enforcementLevel === level);
        lines.push(`   ${level} violations: ${found.length}`);
        for (const v of found) lines.push(`     ✗ ${v.policyName}: ${v.message}`);
    }
    lines.push(`   plan: ${planFile}`);
    return lines.join("\n");
}
