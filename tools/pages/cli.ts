// Re-renders the pictures and pages of every stack already previewed into an output folder,
// from its plan.json, violations.json and readiness.json (no program run, no policy pack): for after
// `npm run diff` has written out/diff.md, so the pages carry the diff.
//   npm run pages [-- --out DIR]
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { StackResult } from "../engine/result";
import { readPlan } from "../engine/plan";
import { writeArchitecture, writeIndexPage, writeStackPage } from "./writers";

const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: "string", default: "out" } } });
const outDir = values.out!;
const results: StackResult[] = fs
    .readdirSync(outDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && ["plan.json", "violations.json"].every((f) => fs.existsSync(path.join(outDir, d.name, f))))
    .map((d) => {
        const readiness = path.join(outDir, d.name, "readiness.json");
        return {
            plan: readPlan(path.join(outDir, d.name, "plan.json")),
            violations: JSON.parse(fs.readFileSync(path.join(outDir, d.name, "violations.json"), "utf8")),
            policies: [],
            ...(fs.existsSync(readiness) ? { readiness: JSON.parse(fs.readFileSync(readiness, "utf8")) } : {}),
        };
    });
for (const result of results) {
    const dir = path.join(outDir, result.plan.stack);
    console.log([...writeArchitecture(result, dir), ...writeStackPage(result, dir)].join("\n"));
}
console.log(writeIndexPage(results, outDir).join("\n"));
