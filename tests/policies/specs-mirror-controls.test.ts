// The policy specs mirror the controls, as pulumi/compliance-policies lays its tests out: one spec
// tests/policies/controls/<file>.test.ts per control policies/controls/<file>.ts, exercising that control.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Control } from "../../policies/lib/control";

const CONTROLS = path.join(__dirname, "../../policies/controls");
const SPECS = path.join(__dirname, "controls");
const names = (dir: string, suffix: string) =>
    fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.slice(0, -suffix.length))
        .sort();

describe("the policy specs", () => {
    it("are one per control file: no control without its spec, no spec without its control", () => {
        const controls = names(CONTROLS, ".ts");
        const specs = names(SPECS, ".test.ts");
        expect(
            controls.filter((c) => !specs.includes(c)),
            "controls without tests/policies/controls/<name>.test.ts",
        ).to.deep.equal([]);
        expect(
            specs.filter((s) => !controls.includes(s)),
            "specs without policies/controls/<name>.ts",
        ).to.deep.equal([]);
    });

    it("each exercise the control of their file's name", async () => {
        for (const file of names(CONTROLS, ".ts")) {
            const module: Record<string, unknown> = await import(path.join(CONTROLS, `${file}.ts`));
            const control = Object.values(module).find(
                (v): v is Control => typeof v === "object" && v !== null && "meta" in v && "policy" in v,
            );
            expect(control, `policies/controls/${file}.ts exports no control`).to.not.equal(undefined);
            const spec = fs.readFileSync(path.join(SPECS, `${file}.test.ts`), "utf8");
            expect(spec, `controls/${file}.test.ts does not name ${control!.meta.name}`).to.contain(`"${control!.meta.name}"`);
        }
    });
});
