// What users see of the deploy-readiness analysis through the offline preview: the block per stack,
// readiness.json and readiness.md, the exit status, `--plan` on saved or hand-edited plans, `--today`.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Plan } from "../../tools/engine/plan";
import { ROOT } from "../support/engine";
import { cleanPlan } from "./support/clean";

function preview(...args: string[]) {
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "tools/preview.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe("deploy readiness in the offline preview (--plan)", function () {
    this.timeout(180000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-readiness-"));
    const save = (name: string, plan: Plan) => {
        const file = path.join(tmp, `${name}.json`);
        fs.writeFileSync(file, JSON.stringify(plan));
        return file;
    };

    it("exits 0 on clean plans, prints each stack's block with its support calendar, and writes readiness.json and readiness.md", async () => {
        const out = path.join(tmp, "clean");
        const run = preview(
            "--plan",
            save("prod", await cleanPlan("prod")),
            "--plan",
            save("dev", await cleanPlan("dev")),
            "--today",
            "2026-11-01",
            "--out",
            out,
        );
        expect(run.status, run.stderr + run.stdout.slice(-2000)).to.equal(0);
        expect(run.stdout).to.match(/── prod \(prod\): deploy readiness on 2026-11-01: 0 blocker\(s\)/);
        expect(run.stdout).to.match(/support: EKS Kubernetes 1\.35 \(eks\): 146 days of standard support left \(until 2027-03-27\)/);
        expect(run.stdout).to.match(/2 stack\(s\): 0 mandatory, \d+ advisory violation\(s\); 0 deploy blocker\(s\)/);
        const readiness = readJson(path.join(out, "prod", "readiness.json"));
        expect(readiness).to.include({ stack: "prod", environment: "prod", today: "2026-11-01", blockers: 0 });
        expect(readiness.support.map((s: { subject: string }) => s.subject)).to.include("EKS Kubernetes");
        expect(fs.readFileSync(path.join(out, "readiness.md"), "utf8")).to.match(/^## Deploy readiness\n\n2 stack\(s\): 0 blocker\(s\)/);
        const page = fs.readFileSync(path.join(out, "prod", "index.html"), "utf8");
        expect(page).to.contain('<section id="readiness">');
        expect(page).to.match(/<b>0<\/b><span>deploy blockers<\/span>/);
    });

    it("exits 1 on a hand-edited plan a deploy would fail on, naming the rule, the resource, AWS's answer and the fix", async () => {
        const plan = await cleanPlan("prod");
        plan.resources = plan.resources.filter((r) => r.type !== "aws:codebuild/project:Project");
        const out = path.join(tmp, "blocked");
        const run = preview("--plan", save("blocked", plan), "--today", "2026-11-01", "--out", out);
        expect(run.status, run.stderr).to.equal(1);
        expect(run.stdout).to.contain("✗ eks-k8s (kubernetes) — reachability/provider-connections");
        expect(run.stdout).to.contain("answer: dial tcp: i/o timeout; fix: create the CodeBuild-hosted GitHub Actions runner");
        const readiness = readJson(path.join(out, "prod", "readiness.json"));
        // Without the runner, neither the Kubernetes provider nor the postgresql provider (database roles) reaches its endpoint.
        expect(readiness.blockers).to.equal(2);
        expect(
            readiness.findings.filter((f: { severity: string }) => f.severity === "blocker").map((f: { name: string }) => f.name),
        ).to.have.members(["eks-k8s", "database-roles"]);
        expect(readiness.findings[0]).to.include({
            rule: "reachability/provider-connections",
            family: "reachability",
            severity: "blocker",
        });
        expect(fs.readFileSync(path.join(out, "readiness.md"), "utf8")).to.contain("`reachability/provider-connections`");
        const page = fs.readFileSync(path.join(out, "prod", "index.html"), "utf8");
        expect(page).to.match(/<b>2<\/b><span>deploy blockers<\/span>/);
        expect(page).to.contain("<code>reachability/provider-connections</code>");
        fs.rmSync(path.join(out, "prod", "index.html"));
        fs.writeFileSync(path.join(out, "prod", "plan.json"), JSON.stringify(plan)); // as a program run leaves it
        const pages = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "tools/pages/cli.ts"), "--out", out], {
            cwd: ROOT,
            encoding: "utf8",
        });
        expect(pages.status, pages.stderr).to.equal(0);
        expect(fs.readFileSync(path.join(out, "prod", "index.html"), "utf8"), "npm run pages keeps the section").to.contain(
            "<code>reachability/provider-connections</code>",
        );
    });

    it("stops with one line and exit 2 on a date that is not YYYY-MM-DD", async () => {
        const run = preview("--plan", save("date", await cleanPlan("dev")), "--today", "2026-02-30", "--out", path.join(tmp, "date"));
        expect(run.status).to.equal(2);
        expect(run.stderr.trim()).to.equal("--today 2026-02-30: expected a date as YYYY-MM-DD");
    });

    it("stops with one line and exit 2 on a plan whose deployment names no valid account", async () => {
        const plan = await cleanPlan("dev");
        plan.deployment!.accountId = "dev-account";
        const file = save("account", plan);
        const run = preview("--plan", file, "--out", path.join(tmp, "account"));
        expect(run.status).to.equal(2);
        expect(run.stderr.trim()).to.equal(`${file}: deployment.accountId must be a 12-digit account id`);
    });
});
