// The pack as a whole: naming, metadata, cdk-nag coverage, and what the analyzer serves.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { cdkNagHipaaRules, cdkNagNotApplicable } from "../../policies/lib/cdk-nag";
import { controls } from "../../policies/pack";
import { planOf, sharedAnalyzer, STACKS } from "../support/engine";

const SECTION = /^164\.3(08|10|12|16)\([a-z]\)(\(\d+\))?(\((i|ii|iii|iv|v|vi)\))?(\([A-Z]\))?$/;
const specs = fs
    .readdirSync(__dirname, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => fs.readFileSync(path.join(__dirname, f), "utf8"))
    .join("\n");

describe("the careplane-hipaa policy pack", () => {
    it("names every control careplane-<service>-<what>, once", () => {
        const names = controls.map((c) => c.meta.name);
        for (const n of names) expect(n).to.match(/^careplane-[a-z0-9]+(-[a-z0-9]+)+$/);
        expect(new Set(names).size).to.equal(names.length);
    });

    it("gives every control a description, HIPAA sections, a severity, a level and the types it examines", () => {
        for (const { meta } of controls) {
            expect(meta.description.length, meta.name).to.be.greaterThan(20);
            expect(meta.hipaa.length, meta.name).to.be.greaterThan(0);
            for (const s of meta.hipaa) expect(s, meta.name).to.match(SECTION);
            expect(["low", "medium", "high", "critical"]).to.include(meta.severity);
            expect(["mandatory", "advisory"]).to.include(meta.enforcementLevel);
            expect(meta.types.length, meta.name).to.be.greaterThan(0);
        }
    });

    it("matches only real cdk-nag HIPAA rules, and every one of the 90 is matched or shown not to apply", () => {
        expect(cdkNagHipaaRules).to.have.length(90);
        const matched = new Set(controls.flatMap((c) => c.meta.cdkNag));
        for (const rule of matched) expect(cdkNagHipaaRules, rule).to.include(rule);
        for (const rule of cdkNagHipaaRules) {
            const skipped = rule in cdkNagNotApplicable;
            expect(matched.has(rule) !== skipped, `${rule} must be matched by a control or listed as not applicable, not both`).to.equal(
                true,
            );
        }
        expect(matched.size + Object.keys(cdkNagNotApplicable).length).to.equal(90);
    });

    it("skips only cdk-nag rules about resource types no stack creates", async () => {
        const skippedTypes = new Set(Object.values(cdkNagNotApplicable).flatMap((r) => r.types));
        for (const stack of STACKS) {
            const created = (await planOf(stack)).resources.map((r) => r.type).filter((t) => skippedTypes.has(t));
            expect(created, stack).to.deep.equal([]);
        }
    });

    it("has a spec for every control", () => {
        for (const { meta } of controls) expect(specs, meta.name).to.contain(`"${meta.name}"`);
    });

    it("is served by its analyzer with the same names, levels and HIPAA framework", async () => {
        const served = (await sharedAnalyzer()).policies;
        expect(served.map((p) => p.name).sort()).to.deep.equal(controls.map((c) => c.meta.name).sort());
        for (const { meta } of controls) {
            const p = served.find((s) => s.name === meta.name)!;
            expect(p.enforcementLevel).to.equal(meta.enforcementLevel);
            expect(p.severity).to.equal(meta.severity);
            expect(p.framework?.specification).to.equal(meta.hipaa.join(", "));
        }
    });
});
