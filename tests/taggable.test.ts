import { isOneOf } from "../policies/lib/resource-types";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { taggableTypes } from "../policies/lib/taggable";
import { planOf, ROOT, STACKS } from "./support/engine";

/** Reads @pulumi/aws's declaration of a resource's Args to learn whether it takes `tags`. */
function acceptsTags(token: string): boolean {
    const [, module, resource] = token.split(":");
    const file = path.join(ROOT, "node_modules/@pulumi/aws", `${module.split("/").join("/")}.d.ts`);
    const source = fs.readFileSync(file, "utf8");
    const start = source.indexOf(`export interface ${resource}Args {`);
    expect(start, `${resource}Args in ${file}`).to.be.greaterThan(-1);
    const body = source.slice(start, source.indexOf("\n}", start));
    return /\n\s+tags\?:/.test(body);
}

describe("the tag control's list of taggable types", () => {
    it("includes every AWS type the stacks create that accepts tags, and only those", async () => {
        const types = new Set<string>();
        for (const stack of STACKS) for (const r of (await planOf(stack)).resources) if (r.type.startsWith("aws:")) types.add(r.type);
        const taggable = [...types].filter(acceptsTags).sort();
        expect(
            taggable.filter((t) => !isOneOf(taggableTypes, t)),
            "taggable types missing from policies/lib/taggable.ts",
        ).to.deep.equal([]);
        for (const t of taggableTypes) expect(acceptsTags(t), `${t} listed but takes no tags`).to.equal(true);
    });
});
