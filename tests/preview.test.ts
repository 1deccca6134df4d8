import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Plan } from "../tools/engine/plan";
import { ROOT, STACKS } from "./support/engine";

function preview(...args: string[]) {
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "tools/preview.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe("the offline preview (npm start)", function () {
    this.timeout(120000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-preview-"));
    const out = path.join(tmp, "out");
    let all: ReturnType<typeof preview>;

    before(() => {
        all = preview("--out", out);
    });

    it("previews the four stacks with zero mandatory violations and exits 0", () => {
        expect(all.status, all.stderr).to.equal(0);
        for (const stack of STACKS) {
            expect(all.stdout).to.contain(`── ${stack} (${stack}):`);
            const violations = readJson(path.join(out, stack, "violations.json"));
            expect(violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
        }
        expect(all.stdout).to.match(/4 stack\(s\): 0 mandatory/);
    });

    it("writes a plan per stack with every resource's URN, type, parent, provider, protect, dependencies (overall and per property) and inputs", () => {
        for (const stack of STACKS) {
            const plan: Plan = readJson(path.join(out, stack, "plan.json"));
            expect(plan).to.include({ project: "careplane", stack, environment: stack });
            expect(plan.resources.length).to.be.greaterThan(40);
            for (const r of plan.resources) {
                expect(r).to.have.keys([
                    "urn",
                    "type",
                    "name",
                    "custom",
                    "parent",
                    "provider",
                    "protect",
                    "dependencies",
                    "propertyDependencies",
                    "options",
                    "inputs",
                ]);
                expect(r.urn.startsWith(`urn:pulumi:${stack}::careplane::`)).to.equal(true);
            }
            const urns = new Set(plan.resources.map((r) => r.urn));
            for (const r of plan.resources) if (r.parent) expect(urns.has(r.parent), r.parent).to.equal(true);
        }
    });

    it("previews one stack with --stack", () => {
        const one = preview("--stack", "staging", "--out", path.join(tmp, "one"));
        expect(one.status).to.equal(0);
        expect(one.stdout).to.contain("── staging (staging):");
        expect(one.stdout).not.to.contain("── prod (prod):");
        expect(one.stdout).to.match(/1 stack\(s\)/);
    });

    it("gives the same verdict when a written plan is read back with --plan", () => {
        const back = preview("--plan", path.join(out, "prod", "plan.json"), "--out", path.join(tmp, "back"));
        expect(back.status).to.equal(0);
        expect(readJson(path.join(tmp, "back", "prod", "violations.json"))).to.deep.equal(
            readJson(path.join(out, "prod", "violations.json")),
        );
    });

    it("reports a resource made non-compliant in a plan edited by hand, and exits 1", () => {
        const plan: Plan = readJson(path.join(out, "prod", "plan.json"));
        const key = plan.resources.find((r) => r.type === "aws:kms/key:Key")!;
        key.inputs.enableKeyRotation = false;
        const edited = path.join(tmp, "edited.json");
        fs.writeFileSync(edited, JSON.stringify(plan));
        const run = preview("--plan", edited, "--out", path.join(tmp, "edited"));
        expect(run.status).to.equal(1);
        expect(run.stdout).to.contain(`✗ careplane-kms-key-rotation: ${key.name} (aws:kms/key:Key): automatic key rotation is off`);
        const [violation] = readJson(path.join(tmp, "edited", "prod", "violations.json"));
        expect(violation).to.include({ policyName: "careplane-kms-key-rotation", enforcementLevel: "mandatory", urn: key.urn });
    });

    it("reports a resource removed from a plan (a VPC without its flow log)", () => {
        const plan: Plan = readJson(path.join(out, "dev", "plan.json"));
        plan.resources = plan.resources.filter((r) => r.type !== "aws:ec2/flowLog:FlowLog");
        const edited = path.join(tmp, "no-flow-log.json");
        fs.writeFileSync(edited, JSON.stringify(plan));
        const run = preview("--plan", edited, "--out", path.join(tmp, "no-flow-log"));
        expect(run.status).to.equal(1);
        expect(run.stdout).to.contain(
            "✗ careplane-vpc-flow-logs: network (aws:ec2/vpc:Vpc): no flow log records all of this VPC's traffic",
        );
    });

    it("stops a broken stack file with one line naming file, key, value and what is allowed, before any resource", () => {
        const dir = path.join(tmp, "broken");
        fs.mkdirSync(dir);
        const prod = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8").replace("retentionDays: 2557", "retentionDays: 365");
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), prod);
        const run = preview("--config-dir", dir, "--out", path.join(tmp, "broken-out"));
        expect(run.status).to.equal(2);
        const file = path.relative(ROOT, path.join(dir, "Pulumi.prod.yaml"));
        expect(run.stderr).to.equal(
            `${file}: careplane:backup.retentionDays = 365 is not allowed: prod keeps backups at least 2557 days (7 years); use an integer from 2557 to 36500\n`,
        );
        expect(run.stdout).not.to.contain("registrations");
        expect(fs.existsSync(path.join(tmp, "broken-out", "prod", "plan.json"))).to.equal(false);
    });

    it("stands a masked placeholder in for secure: values, which cannot be decrypted offline", () => {
        const dir = path.join(tmp, "secure");
        fs.mkdirSync(dir);
        const ciphertext = "v1:Zm9vYmFyc2VjcmV0Y2lwaGVydGV4dA==";
        const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8") + `  postgresql:password:\n    secure: ${ciphertext}\n`;
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), dev);
        const run = preview("--config-dir", dir, "--out", path.join(tmp, "secure-out"));
        expect(run.status, run.stderr).to.equal(0);
        expect(fs.readFileSync(path.join(tmp, "secure-out", "dev", "plan.json"), "utf8")).not.to.contain(ciphertext);
    });

    it("exits 2 on a plan file that is not a plan", () => {
        const bad = path.join(tmp, "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ project: "careplane", stack: "prod" }));
        const run = preview("--plan", bad);
        expect(run.status).to.equal(2);
        expect(run.stderr.trim()).to.equal(`${bad}: "environment" must be a string`);
    });
});

describe("the offline preview's pack configuration (--policy-config, <config-dir>/policy-config.json)", function () {
    this.timeout(180000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-policy-config-"));
    const arocord = path.join(ROOT, "examples", "arocord");
    const plan = path.join(tmp, "out", "prod", "plan.json");
    const file = (name: string, text: string) => {
        const f = path.join(tmp, name);
        fs.writeFileSync(f, text);
        return f;
    };
    let fromDir: ReturnType<typeof preview>;

    before(() => {
        fromDir = preview("--config-dir", arocord, "--stack", "prod", "--out", path.join(tmp, "out"));
    });

    it("reads <config-dir>/policy-config.json: arocord's prod, which shares with its staging account, passes", () => {
        expect(fromDir.status, fromDir.stderr).to.equal(0);
        expect(fromDir.stdout).to.contain(`pack configuration: ${path.join(arocord, "policy-config.json")}`);
    });

    it("without it the same plan fails: the staging account is not trusted", () => {
        const run = preview("--plan", plan, "--out", path.join(tmp, "bare"));
        expect(run.status).to.equal(1);
        expect(run.stdout).to.contain("account 210987654321 is neither the stack's (123456789012) nor trusted by the pack's configuration");
    });

    it("takes the file given with --policy-config", () => {
        const good = file("good.json", JSON.stringify({ "careplane-iam-principals-trusted": { trustedAccounts: ["210987654321"] } }));
        const run = preview("--plan", plan, "--policy-config", good, "--out", path.join(tmp, "good"));
        expect(run.status, run.stdout).to.equal(0);
    });

    /** What each bad file is, and the start of the one line it earns (all of it, but for JSON.parse's message). */
    const bad: Array<[string, () => string, (f: string) => string]> = [
        ["a missing file", () => path.join(tmp, "missing.json"), (f) => `${f}: cannot read the pack configuration (ENOENT)`],
        ["a file that is not JSON", () => file("bad.json", "{ trustedAccounts: "), (f) => `${f}: not JSON: `],
        [
            "a policy the pack does not have",
            () => file("unknown.json", JSON.stringify({ "careplane-trusted": { trustedAccounts: ["210987654321"] } })),
            (f) => `${f}: careplane-trusted: no policy of that name in the pack`,
        ],
        [
            "a value the policy's schema refuses",
            () => file("short.json", JSON.stringify({ "careplane-iam-principals-trusted": { trustedAccounts: ["2109876"] } })),
            (f) => `${f}: careplane-iam-principals-trusted.trustedAccounts = ["2109876"]: expected strings matching ^\\d{12}$`,
        ],
    ];
    for (const [what, make, message] of bad) {
        it(`exits 2 with one line on ${what}`, () => {
            const f = make();
            const run = preview("--plan", plan, "--policy-config", f, "--out", path.join(tmp, "bad"));
            expect(run.status).to.equal(2);
            // One line: the file, then the problem (JSON.parse's own wording after "not JSON: ").
            expect(run.stderr.startsWith(message(f)), run.stderr).to.equal(true);
            expect(run.stderr.split("\n")).to.have.length(2);
            expect(run.stdout).not.to.contain("evaluating the policy pack");
        });
    }
});
