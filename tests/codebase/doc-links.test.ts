// Every relative link in the README, docs/ and the examples' READMEs points at a file that exists
// (and, with a #fragment into a Markdown file, at one of its headings).
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const LINK = /!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
}

export function brokenLinks(file: string): string[] {
    const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
    const broken: string[] = [];
    for (const [, target] of text.matchAll(LINK)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [relative, fragment] = target.split("#");
        const resolved = relative ? path.resolve(path.dirname(file), relative) : file;
        if (!fs.existsSync(resolved)) {
            broken.push(`${target}: no such file`);
            continue;
        }
        if (fragment && resolved.endsWith(".md")) {
            const headings = [...fs.readFileSync(resolved, "utf8").matchAll(/^#{1,6}\s+(.*)$/gm)].map((m) => anchorOf(m[1]));
            if (!headings.includes(fragment)) broken.push(`${target}: no heading #${fragment}`);
        }
    }
    return broken;
}

function documents(): string[] {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"], { cwd: ROOT, encoding: "utf8" })
        .split("\n")
        .filter((f) => f && !f.includes("node_modules/") && fs.existsSync(path.join(ROOT, f)))
        .map((f) => path.join(ROOT, f));
}

describe("documentation links", () => {
    it("resolve, in every Markdown file of the repository", () => {
        const files = documents();
        expect(files.map((f) => path.relative(ROOT, f))).to.include.members(["README.md", "docs/policies.md", "examples/README.md"]);
        const broken = files.flatMap((f) => brokenLinks(f).map((b) => `${path.relative(ROOT, f)}: ${b}`));
        expect(broken).to.deep.equal([]);
    });

    it("are reported when a file or a heading is missing", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-links-"));
        try {
            fs.writeFileSync(path.join(dir, "target.md"), "# Deploy readiness\n\n## What users see\n");
            const doc = path.join(dir, "doc.md");
            fs.writeFileSync(
                doc,
                "[ok](target.md) [ok](target.md#what-users-see) [web](https://example.org/x)\n" +
                    "[gone](missing.md) [bad anchor](target.md#nowhere)\n```\n[in code](ignored.md)\n```\n",
            );
            expect(brokenLinks(doc)).to.deep.equal(["missing.md: no such file", "target.md#nowhere: no heading #nowhere"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("README stays the front door: about 150 lines", () => {
        const lines = fs.readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length;
        expect(lines).to.be.within(100, 180);
    });
});
