// The CI roles of every stack [21.4, 21.5, 18.13]: who may assume each (GitHub OIDC tokens from
// main, a branch, a fork, another workflow, another environment), and what the drift role may read.
import { expect } from "chai";
import * as fs from "fs";
import { parseStackConfig } from "../../components/config/stack-config";
import { ciRoleDocuments, githubOidcProviderArn } from "../../components/security/ci-roles";
import { readOnlyDataDenials } from "../../components/security/ci-trust-policies";
import { CI_POLICIES_DOC, ciPoliciesDoc } from "../../tools/report/ci-policies";
import { readStackFile } from "../../tools/engine/stack-files";
import { planOf, ROOT, STACKS } from "../support/engine";
import { collectPolicies, PolicyDocument } from "./policies";
import { decide, Decision } from "./simulate";
import { assumeWithToken, decideWithAllKeys, GithubToken } from "./trust";

const REPO = "example-health/careplane";
const configOf = (stack: string) => {
    const f = readStackFile(ROOT, stack);
    return parseStackConfig(f.config, f.file);
};
const workflow = (file: string, ref: string, repo = REPO) => `${repo}/.github/workflows/${file}@${ref}`;

/** Tokens as GitHub issues them to each kind of job. */
const tokens = {
    deployJob: (env: string): GithubToken => ({
        sub: `repo:${REPO}:environment:${env}`,
        aud: "sts.amazonaws.com",
        ref: "refs/heads/main",
        environment: env,
        job_workflow_ref: workflow("pulumi-up.yml", "refs/heads/main"),
        repository: REPO,
    }),
    mainPreviewJob: (): GithubToken => ({
        sub: `repo:${REPO}:ref:refs/heads/main`,
        aud: "sts.amazonaws.com",
        ref: "refs/heads/main",
        job_workflow_ref: workflow("pulumi-up.yml", "refs/heads/main"),
        repository: REPO,
    }),
    pullRequest: (): GithubToken => ({
        sub: `repo:${REPO}:pull_request`,
        aud: "sts.amazonaws.com",
        ref: "refs/pull/42/merge",
        job_workflow_ref: workflow("pull-request.yml", "refs/pull/42/merge"),
        repository: REPO,
    }),
    driftJob: (): GithubToken => ({
        sub: `repo:${REPO}:ref:refs/heads/main`,
        aud: "sts.amazonaws.com",
        ref: "refs/heads/main",
        job_workflow_ref: workflow("drift.yml", "refs/heads/main"),
        repository: REPO,
    }),
};

/** The same job run from a branch (workflow_dispatch on a branch, or a push to it). */
const fromBranch = (t: GithubToken): GithubToken => ({
    ...t,
    sub: t.sub.replace("refs/heads/main", "refs/heads/feature"),
    ref: "refs/heads/feature",
    job_workflow_ref: t.job_workflow_ref.replace("@refs/heads/main", "@refs/heads/feature"),
});
/** The same workflow run in a fork: the fork's repository in every claim. */
const fromFork = (t: GithubToken): GithubToken => JSON.parse(JSON.stringify(t).split(REPO).join("attacker/careplane"));
/** Another workflow file of this repository naming the same environment. */
const otherWorkflow = (t: GithubToken): GithubToken => ({
    ...t,
    job_workflow_ref: t.job_workflow_ref.replace(/[a-z-]+\.yml@/, "exfiltrate.yml@"),
});

describe("CI roles: trust (GitHub OIDC, evaluated by iam-simulate)", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            const config = configOf(stack);
            const provider = githubOidcProviderArn("aws", config.account.id);
            const roles = Object.fromEntries(ciRoleDocuments(config).map((r) => [r.kind, r]));
            const assume = (kind: string, token: GithubToken): Decision =>
                assumeWithToken(
                    roles[kind].trust as PolicyDocument,
                    provider,
                    `arn:aws:iam::${config.account.id}:role/${roles[kind].name}`,
                    token,
                );
            const other = stack === "prod" ? "staging" : "prod";

            const cases: Array<[string, string, GithubToken, Decision]> = [
                ["deploy", "the deploy job of main in its environment", tokens.deployJob(stack), "Allowed"],
                ["deploy", "the deploy job run from a branch", fromBranch({ ...tokens.deployJob(stack) }), "ImplicitlyDenied"],
                ["deploy", "the deploy workflow in a fork", fromFork(tokens.deployJob(stack)), "ImplicitlyDenied"],
                ["deploy", "another workflow naming the environment", otherWorkflow(tokens.deployJob(stack)), "ImplicitlyDenied"],
                ["deploy", `the deploy job of the ${other} environment`, tokens.deployJob(other), "ImplicitlyDenied"],
                [
                    "deploy",
                    "a token for another audience",
                    { ...tokens.deployJob(stack), aud: "https://github.com/example-health" },
                    "ImplicitlyDenied",
                ],
                ["deploy", "a pull request", tokens.pullRequest(), "ImplicitlyDenied"],
                ["preview", "a pull request's preview", tokens.pullRequest(), "Allowed"],
                ["preview", "the deploy workflow's preview of main", tokens.mainPreviewJob(), "Allowed"],
                ["preview", "the deploy workflow's preview from a branch", fromBranch(tokens.mainPreviewJob()), "ImplicitlyDenied"],
                ["preview", "a fork's pull-request workflow in its own repository", fromFork(tokens.pullRequest()), "ImplicitlyDenied"],
                ["preview", "another workflow of a pull request", otherWorkflow(tokens.pullRequest()), "ImplicitlyDenied"],
                ["drift", "the drift workflow of main", tokens.driftJob(), "Allowed"],
                ["drift", "the drift workflow from a branch", fromBranch(tokens.driftJob()), "ImplicitlyDenied"],
                ["drift", "the drift workflow in a fork", fromFork(tokens.driftJob()), "ImplicitlyDenied"],
                ["drift", "another workflow of main", otherWorkflow(tokens.driftJob()), "ImplicitlyDenied"],
                ["drift", "a pull request", tokens.pullRequest(), "ImplicitlyDenied"],
            ];
            for (const [kind, who, token, expected] of cases) {
                it(`${kind} role: ${who} → ${expected}`, () => {
                    expect(assume(kind, token)).to.equal(expected);
                });
            }

            it("gives a first deploy a 4-hour session and read-only jobs an hour", () => {
                expect(roles.deploy.maxSessionDuration).to.equal(14400);
                expect(roles.preview.maxSessionDuration).to.equal(3600);
                expect(roles.drift.maxSessionDuration).to.equal(3600);
            });
        });
    }
});

describe("CI roles: what the drift role may read beyond ReadOnlyAccess [18.13]", () => {
    const config = configOf("prod");
    const account = config.account.id;
    const drift = ciRoleDocuments(config).find((r) => r.kind === "drift")!;
    const policies = Object.entries(drift.policies).map(([name, policy]) => ({ name, policy: policy as PolicyDocument }));
    // ReadOnlyAccess is AWS's own document: a stand-in grants the reads it has that matter here.
    const readOnlyStandIn = {
        name: "ReadOnlyAccess (stand-in)",
        policy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["logs:Get*", "logs:FilterLogEvents", "s3:Get*", "wafv2:Get*"], Resource: "*" }],
        },
    };
    const principal = `arn:aws:iam::${account}:role/${drift.name}`;
    const secret = (env: string, name: string) => `arn:aws:secretsmanager:us-east-1:${account}:secret:caresync/${env}/${name}-AbC123`;
    const ask = (action: string, resource: string, context: Record<string, string> = {}) =>
        decide({ principal, identityPolicies: [...policies, readOnlyStandIn], action, resource, context });

    it("reads the value of this stack's secrets (what refreshing a SecretVersion calls), and no other environment's", async () => {
        expect(await ask("secretsmanager:GetSecretValue", secret("prod", "database"))).to.equal("Allowed");
        expect(await ask("secretsmanager:GetSecretValue", secret("staging", "database"))).to.equal("ImplicitlyDenied");
        expect(
            await ask("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${account}:secret:rds!db-0a1b2c3d-AbC123`),
        ).to.equal("ImplicitlyDenied");
    });

    it("decrypts only through Secrets Manager, and only for this stack's entries, under the secrets key's own policy", async () => {
        const secretsKey = collectPolicies(await planOf("prod")).keyPolicies.get("keys-secrets")!;
        const decrypt = (context: Record<string, string>) =>
            decideWithAllKeys({
                principal,
                identityPolicies: policies,
                action: "kms:Decrypt",
                resource: secretsKey.target,
                resourcePolicy: secretsKey.policy,
                context: { "kms:CallerAccount": account, "aws:PrincipalAccount": account, "aws:PrincipalArn": principal, ...context },
            });
        const via = (arn: string) => ({
            "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com",
            "kms:EncryptionContext:SecretARN": arn,
        });
        expect(decrypt(via(secret("prod", "jwt")))).to.equal("Allowed");
        expect(decrypt(via(secret("staging", "jwt")))).to.equal("ImplicitlyDenied");
        expect(decrypt({})).to.equal("ImplicitlyDenied");
        expect(decrypt({ ...via(secret("prod", "jwt")), "kms:ViaService": "s3.us-east-1.amazonaws.com" })).to.equal("ImplicitlyDenied");
    });

    it("cannot read log events, objects or WAF's sampled requests, whatever ReadOnlyAccess grants [22.5]", async () => {
        expect(readOnlyDataDenials).to.include.members(["logs:GetLogEvents", "s3:GetObject", "wafv2:GetSampledRequests"]);
        expect(
            await ask(
                "logs:GetLogEvents",
                `arn:aws:logs:us-east-1:${account}:log-group:/aws/rds/instance/caresync-prod-postgres/postgresql:log-stream:x`,
            ),
        ).to.equal("ExplicitlyDenied");
        expect(await ask("s3:GetObject", `arn:aws:s3:::caresync-prod-documents-${account}/patient.pdf`)).to.equal("ExplicitlyDenied");
        expect(await ask("s3:GetBucketPolicy", `arn:aws:s3:::caresync-prod-documents-${account}`)).to.equal("Allowed");
    });
});

describe("CI roles: the deploy role cannot lift its own guardrails or the read-only roles'", () => {
    for (const stack of STACKS) {
        it(`${stack}: AdministratorAccess less the guardrails rewrites no CI policy, and still manages the stack's own`, async () => {
            const config = configOf(stack);
            const account = config.account.id;
            const roles = ciRoleDocuments(config);
            const deploy = roles.find((r) => r.kind === "deploy")!;
            const identityPolicies = [
                {
                    name: "AdministratorAccess (stand-in)",
                    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
                },
                ...Object.entries(deploy.policies).map(([name, policy]) => ({ name, policy: policy as PolicyDocument })),
            ];
            const ask = (action: string, resource: string) =>
                decide({
                    principal: `arn:aws:iam::${account}:role/${deploy.name}`,
                    identityPolicies,
                    action,
                    resource,
                    resourceAccount: account,
                });
            // As the bootstrap names them: Pulumi's auto-name of `<role>-<policy>` adds a random suffix.
            const ciPolicies = roles.flatMap((r) =>
                Object.keys(r.policies).map((name) => `arn:aws:iam::${account}:policy/${r.name}-${name}-1a2b3c4`),
            );
            expect(ciPolicies.length).to.be.at.least(3);
            for (const policy of ciPolicies) {
                for (const action of [
                    "iam:CreatePolicyVersion",
                    "iam:SetDefaultPolicyVersion",
                    "iam:DeletePolicyVersion",
                    "iam:DeletePolicy",
                ]) {
                    expect(await ask(action, policy), `${action} ${policy}`).to.equal("ExplicitlyDenied");
                }
            }
            const own = `arn:aws:iam::${account}:policy/${config.app}-${stack}-api-secrets-5d6e7f8`;
            expect(await ask("iam:CreatePolicyVersion", own)).to.equal("Allowed");
            expect(await ask("iam:DeletePolicy", own)).to.equal("Allowed");
        });
    }
});

describe("docs/ci-policies.md", () => {
    it("carries every stack's CI role policies as the functions write them (npm run docs:ci)", () => {
        expect(fs.readFileSync(CI_POLICIES_DOC, "utf8")).to.equal(ciPoliciesDoc());
    });
});
