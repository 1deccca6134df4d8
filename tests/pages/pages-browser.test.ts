import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Browser } from "playwright-core";
import { Violation } from "../../tools/engine/analyzer";
import { Plan } from "../../tools/engine/plan";
import { ROOT, STACKS } from "../support/engine";
import { launch, open, requireTools } from "./browser";

const OUT = path.join(ROOT, "out", "browser-check");
const BROKEN = "prod-broken";

function preview(args: string[]) {
    return spawnSync(process.execPath, ["--import", "tsx", "tools/preview.ts", "--out", OUT, ...args], { cwd: ROOT, encoding: "utf8" });
}

/** The prod plan, renamed, with four things a reviewer must see flagged. */
function breakPlan(plan: Plan): Plan {
    const rename = (urn: string) => urn.replace("urn:pulumi:prod::", `urn:pulumi:${BROKEN}::`);
    const resources = plan.resources
        .filter((r) => r.type !== "aws:ec2/flowLog:FlowLog")
        .map((r) => ({
            ...structuredClone(r),
            urn: rename(r.urn),
            parent: rename(r.parent),
            provider: rename(r.provider),
            dependencies: r.dependencies.map(rename),
        }));
    const first = (type: string) => resources.find((r) => r.type === type)!;
    first("aws:kms/key:Key").inputs.enableKeyRotation = false;
    first("aws:ec2/subnet:Subnet").inputs.mapPublicIpOnLaunch = true;
    first("aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays = 1;
    return { ...plan, stack: BROKEN, resources };
}

/** A plan diff as `npm run diff` writes it: a warning and a section per stack. */
const DIFF = [
    "## Plan diff: base `main` → head",
    "> - 🚨 **prod**: **DELETE** database `db` (`aws:rds/instance:Instance`).",
    "### test",
    "No changes.",
    "### prod",
    "**Removed (1)**",
    "| `db` | `aws:rds/instance:Instance` |",
].join("\n");

describe("stack pages in headless Chromium", function () {
    let browser: Browser;

    before(async function () {
        // Two full previews: a minute on a quiet machine, several on a busy one. A ceiling, not a measurement.
        this.timeout(600000);
        requireTools();
        fs.rmSync(OUT, { recursive: true, force: true });
        fs.mkdirSync(OUT, { recursive: true });
        fs.writeFileSync(path.join(OUT, "diff.md"), DIFF);
        const clean = preview([]);
        expect(clean.status, clean.stderr + clean.stdout).to.equal(0);
        const planFile = path.join(OUT, `${BROKEN}.plan.json`);
        const prod: Plan = JSON.parse(fs.readFileSync(path.join(OUT, "prod", "plan.json"), "utf8"));
        fs.writeFileSync(planFile, JSON.stringify(breakPlan(prod), null, 2));
        const broken = preview(["--plan", planFile]);
        expect(broken.status, "a plan with mandatory violations exits 1").to.equal(1);
        browser = await launch();
    });

    after(async function () {
        await browser?.close();
    });

    for (const stack of [...STACKS, BROKEN]) {
        it(`${stack}: renders without console errors or network requests, with a sized picture, and is screenshot`, async function () {
            const file = path.join(OUT, stack, "index.html");
            const { page, url, consoleErrors, requests } = await open(browser, file);
            expect(consoleErrors).to.deep.equal([]);
            expect(requests).to.deep.equal([url]);

            const svg = page.locator("#architecture svg");
            expect(await svg.count()).to.equal(1);
            const box = (await svg.boundingBox())!;
            expect(box.width).to.be.greaterThan(600);
            // prod draws its DR region beside the primary one: a wide picture, scaled to the page's width.
            expect(box.height).to.be.greaterThan(150);
            const drawn = await svg.textContent();
            for (const zone of ["us-east-1a", "us-east-1b", "public subnet", "app subnet", "data subnet", "VPC"])
                expect(drawn).to.contain(zone);

            expect(await page.locator("h1").textContent()).to.contain(stack);
            const screenshot = path.join(OUT, stack, "screenshot.png");
            await page.screenshot({ path: screenshot, fullPage: true });
            expect(fs.statSync(screenshot).size).to.be.greaterThan(20_000);
            await page.close();
        });
    }

    it("shows every violation of a deliberately broken plan, in the violations list and the compliance report", async function () {
        const violations: Violation[] = JSON.parse(fs.readFileSync(path.join(OUT, BROKEN, "violations.json"), "utf8"));
        const policies = new Set(violations.map((v) => v.policyName));
        for (const expected of [
            "careplane-kms-key-rotation",
            "careplane-subnet-no-public-ip",
            "careplane-log-group-retention",
            "careplane-vpc-flow-logs",
        ]) {
            expect([...policies]).to.include(expected);
        }
        const { page, consoleErrors } = await open(browser, path.join(OUT, BROKEN, "index.html"));
        expect(consoleErrors).to.deep.equal([]);
        const listed = await page.locator("#violations").innerText();
        const report = await page.locator("#compliance").innerText();
        for (const v of violations) {
            expect(listed, v.message).to.contain(v.message);
            if (v.enforcementLevel === "mandatory") expect(report, v.message).to.contain(v.message);
        }
        const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
        expect(await page.locator("#counts").innerText()).to.contain(`${mandatory}\nmandatory violations`);
        await page.close();
    });

    it("carries each stack's part of out/diff.md, and the whole diff on the index page", async function () {
        const { page } = await open(browser, path.join(OUT, "prod", "index.html"));
        const shown = await page.locator("#diff").innerText();
        expect(shown).to.contain("DELETE** database `db`");
        expect(shown).to.contain("Removed (1)");
        expect(shown).not.to.contain("No changes.");
        await page.close();
        const dev = await open(browser, path.join(OUT, "dev", "index.html"));
        expect(await dev.page.locator("#diff").count(), "dev has no section in the diff").to.equal(0);
        await dev.page.close();
        const index = await open(browser, path.join(OUT, "index.html"));
        expect(await index.page.locator("#diff").innerText()).to.contain("### test");
        await index.page.close();
    });

    it("links every stack from out/index.html, itself without console errors or requests", async function () {
        const { page, url, consoleErrors, requests } = await open(browser, path.join(OUT, "index.html"));
        expect(consoleErrors).to.deep.equal([]);
        expect(requests).to.deep.equal([url]);
        const links = await Promise.all((await page.locator("#stacks a[href$='index.html']").all()).map((a) => a.getAttribute("href")));
        expect(links).to.deep.equal([...STACKS, BROKEN].map((s) => `${s}/index.html`));
        for (const link of links) expect(fs.existsSync(path.join(OUT, link!))).to.equal(true);
        await page.screenshot({ path: path.join(OUT, "index.png"), fullPage: true });
        await page.close();
    });
});
