// Every ComponentResource in components/ has a spec here that builds it alone: a new component cannot arrive untested.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../../support/engine";

const COMPONENTS = path.join(ROOT, "components");
const SPECS = __dirname;

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(full);
        return entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** `class X extends pulumi.ComponentResource` (or a bare ComponentResource import), by class name and file. */
function componentClasses(source: string): string[] {
    return [...source.matchAll(/\bclass\s+(\w+)\s+extends\s+(?:pulumi\.)?ComponentResource\b/g)].map((m) => m[1]);
}

const components = sourceFiles(COMPONENTS).flatMap((file) =>
    componentClasses(fs.readFileSync(file, "utf8")).map((name) => ({ name, file: path.relative(ROOT, file) })),
);
const specs = fs
    .readdirSync(SPECS)
    .filter((f) => f.endsWith(".test.ts") && f !== path.basename(__filename))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(SPECS, f), "utf8") }));

describe("Every component has a spec that builds it alone", () => {
    it("finds the components by parsing their source", () => {
        expect(componentClasses("export class Foo extends pulumi.ComponentResource {")).to.deep.equal(["Foo"]);
        expect(componentClasses("class Bar extends ComponentResource<X> {}")).to.deep.equal(["Bar"]);
        expect(componentClasses("class Baz extends pulumi.CustomResource {}")).to.deep.equal([]);
        expect(components.map((c) => c.name)).to.include.members(["Network", "Database", "Workloads"]);
    });

    for (const { name, file } of components) {
        it(`${name} (${file}) is constructed by a spec in tests/components/alone`, () => {
            const constructing = specs.filter((s) => new RegExp(`\\bnew ${name}\\(`).test(s.text)).map((s) => s.file);
            expect(constructing, `no spec in tests/components/alone constructs ${name}: add one that builds it with buildAlone`).to.not.be
                .empty;
        });
    }
});
