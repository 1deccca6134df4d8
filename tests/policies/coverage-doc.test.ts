import { expect } from "chai";
import * as fs from "fs";
import { DOC, renderDoc } from "../../tools/report/coverage";

describe("docs/policies.md", () => {
    it("carries the coverage table of the pack as it is (npm run docs:policies)", () => {
        const doc = fs.readFileSync(DOC, "utf8");
        expect(doc).to.equal(renderDoc(doc));
    });
});
