import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { importGraph } from "../support/import-graph";

const ROOT = path.resolve(__dirname, "../..");
const COMPONENTS = path.join(ROOT, "components");
const STACK_CONFIG = path.join(COMPONENTS, "config/stack-config.ts");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? sources(full) : e.name.endsWith(".ts") ? [full] : [];
    });
}

const graph = importGraph(sources(COMPONENTS));
const rel = (f: string) => path.relative(ROOT, f);

/** Everything a file imports, directly or through the files it imports. */
function closure(file: string): Set<string> {
    const seen = new Set<string>();
    const stack = [file];
    while (stack.length > 0) {
        for (const next of graph.get(stack.pop()!) ?? []) {
            if (!seen.has(next)) {
                seen.add(next);
                stack.push(next);
            }
        }
    }
    return seen;
}

describe("components declare their inputs", () => {
    it("only the composition root, the config area and the bootstrap's CI documents import the whole stack config", () => {
        const importers = [...graph.entries()].filter(([, deps]) => deps.includes(STACK_CONFIG)).map(([file]) => rel(file));
        const allowed = (f: string) =>
            f.startsWith("components/config/") ||
            [
                "components/platform.ts",
                // The bootstrap project derives each CI role's policy from a whole stack file: not a component.
                "components/security/ci-roles.ts",
            ].includes(f);
        expect(importers.filter((f) => !allowed(f))).to.deep.equal([]);
        expect(importers, "the finder sees platform.ts's import").to.include("components/platform.ts");
    });

    it("gives components a context without the stack config: names, tags and protection only", () => {
        const context = fs.readFileSync(path.join(COMPONENTS, "context.ts"), "utf8");
        expect(context).not.to.match(/readonly config\b|get config\(/);
    });

    it("keeps ECS free of the EKS files: what both use lives in a neutral module", () => {
        const eksOnly = [
            "eks-cluster.ts",
            "workloads.ts",
            "access-entries.ts",
            "cluster-controllers.ts",
            "container-logs.ts",
            "lb-controller-policy.ts",
        ].map((f) => path.join(COMPONENTS, "compute", f));
        for (const f of eksOnly) expect(fs.existsSync(f), rel(f)).to.equal(true);
        const reached = [...closure(path.join(COMPONENTS, "compute/ecs.ts"))].filter((f) => eksOnly.includes(f)).map(rel);
        expect(reached).to.deep.equal([]);
        expect(closure(path.join(COMPONENTS, "compute/workloads.ts")), "the closure follows imports").to.include(
            path.join(COMPONENTS, "compute/eks-cluster.ts"),
        );
    });
});
