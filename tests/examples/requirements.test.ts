import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { DOC, renderDoc } from "../../tools/report/examples-doc";
import { requirements } from "../../tools/report/seed-requirements";
import { ROOT } from "../support/engine";

// The requirement counts in docs/examples.md: each line's evidence must exist, and the counts stay current.
describe("seed requirements (docs/examples.md, Requirement counts)", () => {
    it("names, for every realized or partial line backed by a test, a test that exists in that file", () => {
        const missing: string[] = [];
        for (const q of requirements) {
            const [file, ...rest] = q.evidence.split(": ");
            if (!file.startsWith("tests/")) continue;
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            if (!text.includes(rest.join(": "))) missing.push(`${q.seed} ${q.requirement}: ${q.evidence}`);
        }
        expect(missing).to.deep.equal([]);
    });

    it("backs every realized line with a test or, for a documented substitute, the README sentence that gives the reason", () => {
        const unbacked = requirements.filter((q) => {
            if (q.status !== "realized") return false;
            const [file, ...rest] = q.evidence.split(": ");
            if (file.startsWith("tests/")) return false;
            return !(file.endsWith("README.md") && fs.readFileSync(path.join(ROOT, file), "utf8").includes(rest.join(": ")));
        });
        expect(unbacked.map((q) => q.requirement)).to.deep.equal([]);
    });

    it("names a document sentence that exists for every line backed by a document", () => {
        const missing = requirements.filter((q) => {
            const [file, ...rest] = q.evidence.split(": ");
            if (!/\.md$/.test(file)) return false;
            return !fs.readFileSync(path.join(ROOT, file), "utf8").includes(rest.join(": "));
        });
        expect(missing.map((q) => q.evidence)).to.deep.equal([]);
    });

    it("docs/examples.md carries the current counts (npm run docs:examples)", () => {
        const doc = fs.readFileSync(DOC, "utf8");
        expect(renderDoc(doc)).to.equal(doc);
    });
});
