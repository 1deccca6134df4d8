import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { importCycles, importGraph } from "../support/import-graph";

const ROOT = path.resolve(__dirname, "../..");

function trackedTypeScript(): string[] {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"], { cwd: ROOT, encoding: "utf8" })
        .split("\n")
        .filter((f) => f && !f.startsWith("node_modules/") && fs.existsSync(path.join(ROOT, f)))
        .map((f) => path.join(ROOT, f));
}

describe("the repository's imports", () => {
    it("form no cycle anywhere (program, pack, tools, tests)", () => {
        const files = trackedTypeScript();
        expect(files.length).to.be.greaterThan(100);
        const cycles = importCycles(importGraph(files)).map((c) => c.map((f) => path.relative(ROOT, f)).join(" ↔ "));
        expect(cycles).to.deep.equal([]);
    });

    describe("the cycle finder", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-imports-"));
        const write = (name: string, text: string) => {
            fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
            fs.writeFileSync(path.join(dir, name), text);
            return path.join(dir, name);
        };
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("finds a three-file circle through a type-only import and a dynamic import", () => {
            const a = write("engine/a.ts", 'import type { B } from "../pages/b";\n');
            const b = write("pages/b.ts", 'export type B = 1;\nimport { c } from "./c";\n');
            const c = write("pages/c.ts", 'export const c = () => import("../engine/a");\n');
            const ok = write("pages/ok.ts", 'import { c } from "./c";\nimport * as fs from "fs";\n');
            expect(importCycles(importGraph([a, b, c, ok]))).to.deep.equal([[a, b, c].sort()]);
        });

        it("finds none in a chain, and resolves a folder import to its index.ts", () => {
            const index = write("lib/index.ts", "export const x = 1;\n");
            const user = write("user.ts", 'export * from "./lib";\n');
            const graph = importGraph([index, user]);
            expect(graph.get(user)).to.deep.equal([index]);
            expect(importCycles(graph)).to.deep.equal([]);
        });
    });
});
