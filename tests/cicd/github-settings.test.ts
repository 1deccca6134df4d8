// The GitHub settings the pipeline relies on (.github/settings.json, applied by npm run
// github:settings) and CODEOWNERS [21.5, 21.6].
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { readSettings, settingsCalls } from "../../tools/ci/github-settings";
import { planOf, ROOT, STACKS } from "../support/engine";

const settings = readSettings();
const workflow = (file: string) => parse(fs.readFileSync(path.join(ROOT, ".github/workflows", file), "utf8"));

describe("GitHub settings (.github/settings.json)", () => {
    it("has the four environments, each deployable from main only; prod behind reviewers who cannot approve their own run", () => {
        expect(Object.keys(settings.environments)).to.have.members([...STACKS]);
        for (const env of STACKS) expect(settings.environments[env].branches, env).to.deep.equal(["main"]);
        expect(settings.environments.prod.reviewers.length).to.be.greaterThan(0);
        expect(settings.environments.prod.preventSelfReview).to.equal(true);
    });

    it("requires the offline preview and the prod preview, whose names are the workflows' job names", () => {
        const jobs = workflow("pull-request.yml").jobs;
        const offline = jobs["offline-preview"].name;
        const prod = String(jobs["cloud-preview"].name).replace("${{ matrix.stack }}", "prod");
        expect(jobs["cloud-preview"].strategy.matrix.stack).to.include("prod");
        expect(settings.branchProtection.requiredChecks).to.have.members([offline, prod]);
        expect(settings.branchProtection).to.include({ requireCodeOwnerReviews: true, enforceAdmins: true, strictChecks: true });
        expect(settings.branchProtection.requiredApprovals).to.be.at.least(1);
    });

    it("declares the variable the workflows read", () => {
        const used = new Set(
            fs
                .readdirSync(path.join(ROOT, ".github/workflows"))
                .flatMap((f) =>
                    [...fs.readFileSync(path.join(ROOT, ".github/workflows", f), "utf8").matchAll(/vars\.([A-Z_]+)/g)].map((m) => m[1]),
                ),
        );
        expect([...used]).to.deep.equal(settings.variables);
    });

    it("applies them through the GitHub API: environments with a custom main-only branch policy, branch protection, the variable", () => {
        const calls = settingsCalls(settings, "example-health/careplane", "example-health", () => 4242);
        const prod = calls.find((c) => c.endpoint === "repos/example-health/careplane/environments/prod")!;
        expect(prod).to.deep.include({ method: "PUT" });
        expect(prod.body).to.deep.include({
            prevent_self_review: true,
            reviewers: [{ type: "Team", id: 4242 }],
            deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
        });
        for (const env of STACKS) {
            expect(calls).to.deep.include({
                method: "POST",
                endpoint: `repos/example-health/careplane/environments/${env}/deployment-branch-policies`,
                body: { name: "main", type: "branch" },
            });
        }
        const protection = calls.find((c) => c.endpoint === "repos/example-health/careplane/branches/main/protection")! as any;
        expect(protection.body.required_status_checks.contexts).to.deep.equal(settings.branchProtection.requiredChecks);
        expect(protection.body.required_pull_request_reviews.require_code_owner_reviews).to.equal(true);
        expect(calls).to.deep.include({
            method: "POST",
            endpoint: "repos/example-health/careplane/actions/variables",
            body: { name: "PULUMI_ORGANIZATION", value: "example-health" },
        });
    });

    it("npm run github:settings -- --dry-run prints the gh api calls, and refuses to run without the repository", () => {
        const dry = spawnSync(
            "npm",
            ["run", "--silent", "github:settings", "--", "--repo", "example-health/careplane", "--org", "example-health", "--dry-run"],
            { cwd: ROOT, encoding: "utf8" },
        );
        expect(dry.status, dry.stderr).to.equal(0);
        const lines = dry.stdout.trim().split("\n");
        expect(lines.every((l) => l.startsWith("gh api --method "))).to.equal(true);
        expect(lines.length).to.equal(settingsCalls(settings, "a/b", "c", () => 0).length);
        const missing = spawnSync("npm", ["run", "--silent", "github:settings"], { cwd: ROOT, encoding: "utf8" });
        expect(missing.status).to.equal(2);
    });
});

describe("CODEOWNERS", () => {
    const rules = fs
        .readFileSync(path.join(ROOT, ".github/CODEOWNERS"), "utf8")
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("#"))
        .map((l) => l.trim().split(/\s+/));
    /** The owners of a path: the last matching rule wins (GitHub's rule). */
    const ownersOf = (file: string) => {
        let owners: string[] = [];
        for (const [pattern, ...who] of rules) {
            const anchored = pattern.startsWith("/") ? pattern.slice(1) : pattern;
            const regex = new RegExp(
                "^" +
                    anchored
                        .replace(/[.+^$()|[\]\\]/g, "\\$&")
                        .replace(/\*\*\//g, "(.*/)?")
                        .replace(/\*/g, "[^/]*") +
                    (anchored.endsWith("/") ? ".*" : "$"),
            );
            if (pattern === "*" || regex.test(file)) owners = who;
        }
        return owners;
    };

    it("makes the compliance owners review the pack and its configuration, the workflows, the stack files, the CI roles and the bootstrap", () => {
        for (const file of [
            "policies/controls/rds-force-ssl.ts",
            ".github/workflows/pulumi-up.yml",
            ".github/settings.json",
            "Pulumi.prod.yaml",
            "examples/caresync/Pulumi.prod.yaml",
            "examples/arocord/policy-config.json",
            "policy-config.json",
            "bootstrap/index.ts",
            "components/security/ci-trust-policies.ts",
            ".pulumi-version",
        ]) {
            expect(ownersOf(file), file).to.deep.equal(["@example-health/compliance"]);
        }
        expect(ownersOf("components/network/network.ts")).to.deep.equal(["@example-health/platform-team"]);
    });
});

describe("docs/cicd.md: the first-deploy runbook", () => {
    it("targets the runner's project and webhook by URNs the prod plan really has", async () => {
        const doc = fs.readFileSync(path.join(ROOT, "docs/cicd.md"), "utf8");
        const urns = [...doc.matchAll(/--target '([^']+)'/g)].map((m) => m[1]);
        expect(urns.length).to.be.at.least(2);
        const plan = await planOf("prod");
        for (const urn of urns)
            expect(
                plan.resources.map((r) => r.urn),
                urn,
            ).to.include(urn);
    });
});
