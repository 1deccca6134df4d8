import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./support/engine";

describe("npm run bench", function () {
    this.timeout(240000);

    it("runs on a tiny size and writes its JSON report", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "careplane-bench-")), "bench.json");
        const run = spawnSync(
            process.execPath,
            ["--import", "tsx", "tools/bench/index.ts", "--runs", "1", "--sizes", "1,2", "--stacks", "dev", "--skip-suite", "--out", out],
            {
                cwd: ROOT,
                encoding: "utf8",
            },
        );
        expect(run.status, run.stderr).to.equal(0);
        const report = JSON.parse(fs.readFileSync(out, "utf8"));
        expect(report.floorMs).to.be.greaterThan(0);
        expect(Object.keys(report.stacks)).to.deep.equal(["dev"]);
        expect(report.all.resources).to.be.greaterThan(report.stacks.dev.resources);
        expect(report.all.policyShare).to.be.within(0, 1);
        expect(report.all.readinessMs).to.be.greaterThan(0);
        expect(report.all.readinessShare).to.be.within(0, 1);
        // Reported, never compared: two wall times on a loaded machine can come out in either order.
        expect(report.programsAlone.wallMs).to.be.greaterThan(0);
        expect(report.programsAlone.ratioToFloor).to.equal(report.programsAlone.wallMs / report.floorMs);
        expect(report.scale.sizes.map((s: any) => s.services)).to.deep.equal([1, 2]);
        expect(report.scale.sizes[1].resources).to.be.greaterThan(report.scale.sizes[0].resources);
        expect(run.stdout).to.contain("per-resource cost spread");
    });
});
