// Table-driven specs for one control: compliant fixtures that must pass, and one failing fixture
// per rule the control checks, each asserted by its message, through the real analyzer.
import { expect } from "chai";
import { PackConfig } from "../../tools/engine/analyzer";
import { PlannedResource } from "../../tools/engine/plan";
import { controls } from "../../policies/pack";
import { fixturePlan, tagsFor, violationsOfPolicy } from "./engine";

export type Fixture = Partial<PlannedResource> & { type: string; name: string; inputs: Record<string, any> };

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:fixture::careplane::${type}::${name}`;
}

/**
 * A hand-made resource. `refs` names, per input property, the fixtures that property was built
 * from (what the engine records as property dependencies).
 */
export function res(
    type: string,
    name: string,
    inputs: Record<string, any> = {},
    refs: Record<string, Fixture | Fixture[]> = {},
    protect = false,
): Fixture {
    const propertyDependencies = Object.fromEntries(
        Object.entries(refs).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((f) => f.urn!)]),
    );
    return {
        type,
        name,
        urn: urnOf(type, name),
        inputs: JSON.parse(JSON.stringify(inputs)),
        protect,
        propertyDependencies,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    };
}

/** An AWS resource tagged as careplane tags it, for an environment and a data classification. */
export function aws(
    type: string,
    name: string,
    inputs: Record<string, any> = {},
    refs: Record<string, Fixture | Fixture[]> = {},
    env = "prod",
    cls = "phi",
): Fixture {
    return res(type, name, { tags: tagsFor(env, cls), ...inputs }, refs, env === "prod");
}

/** A copy of the fixtures with one resource's inputs changed (a key set to undefined is removed). */
export function patch(fixtures: Fixture[], name: string, inputs: Record<string, any>, type?: string): Fixture[] {
    let found = false;
    const out = fixtures.map((f) => {
        if (f.name !== name || (type && f.type !== type)) return f;
        found = true;
        const merged: Record<string, any> = { ...structuredClone(f.inputs), ...inputs };
        for (const [k, v] of Object.entries(inputs)) if (v === undefined) delete merged[k];
        return { ...f, inputs: merged };
    });
    if (!found) throw new Error(`no fixture named ${name}`);
    return out;
}

/**
 * The same fixtures declared as other resource types (an alias, a deprecated twin): each type in
 * `types` becomes its counterpart, in the fixture, its URN and every reference to it.
 */
export function retyped(fixtures: Fixture[], types: Record<string, string>): Fixture[] {
    const urn = (u: string) => {
        const f = fixtures.find((x) => x.urn === u);
        return f && types[f.type] ? urnOf(types[f.type], f.name) : u;
    };
    return fixtures.map((f) => ({
        ...f,
        type: types[f.type] ?? f.type,
        urn: urn(f.urn!),
        dependencies: f.dependencies?.map(urn),
        propertyDependencies: Object.fromEntries(Object.entries(f.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(urn)])),
    }));
}

/** A copy of the fixtures with one resource's options or relations changed. */
export function amend(fixtures: Fixture[], name: string, change: Partial<Fixture>): Fixture[] {
    return fixtures.map((f) => (f.name === name ? { ...f, ...change } : f));
}

export function without(fixtures: Fixture[], name: string): Fixture[] {
    return fixtures.filter((f) => f.name !== name);
}

export interface Case {
    it: string;
    fixtures: Fixture[];
    /** The plan's stack, whose environment the pack applies (resources carry their own Environment tags). */
    environment?: string;
    /** The pack's configuration for this case (policy name → properties), as --policy-pack-config gives it. */
    config?: PackConfig;
}

export interface FailingCase extends Case {
    /** Text the one violation's message must contain. */
    message: string;
}

export function specControl(policy: string, spec: { passes: Case[]; fails: FailingCase[] }): void {
    const control = controls.find((c) => c.meta.name === policy);
    describe(policy, () => {
        it("is registered in the pack with its HIPAA sections", () => {
            expect(control, `${policy} is not in policies/pack.ts`).to.not.equal(undefined);
            expect(control!.meta.hipaa.length).to.be.greaterThan(0);
        });
        for (const c of spec.passes) {
            it(`passes ${c.it}`, async () => {
                const found = await violationsOfPolicy(policy, fixturePlan(c.fixtures, c.environment), c.config);
                expect(found.map((v) => v.message)).to.deep.equal([]);
            });
        }
        for (const c of spec.fails) {
            it(`fails ${c.it}`, async () => {
                const found = await violationsOfPolicy(policy, fixturePlan(c.fixtures, c.environment), c.config);
                expect(found.map((v) => v.message)).to.have.length(1);
                const [v] = found;
                expect(v.message).to.contain(c.message);
                expect(v.message).to.contain(`[HIPAA ${control!.meta.hipaa.join(", ")}]`);
                expect(v.enforcementLevel).to.equal(control!.meta.enforcementLevel);
            });
        }
    });
}
