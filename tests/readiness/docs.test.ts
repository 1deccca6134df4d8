import { expect } from "chai";
import * as fs from "fs";
import { DOC, renderDoc } from "../../tools/readiness/docs";

describe("docs/readiness.md", () => {
    it("carries the rule table of the analysis as it is (npm run docs:readiness)", () => {
        const doc = fs.readFileSync(DOC, "utf8");
        expect(doc).to.equal(renderDoc(doc));
    });
});
