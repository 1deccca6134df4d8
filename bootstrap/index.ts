// careplane-bootstrap: what an AWS account needs before careplane's first in-VPC CI job, created
// once per account by an administrator (docs/cicd.md, "First deploy"):
//   - the GitHub OIDC provider and the S3 account public access block (account-global singletons);
//   - per careplane stack in the account: its deploy, preview and drift roles (ci-roles.ts);
//   - per region: the CodeConnections connection to GitHub, registered as CodeBuild's GitHub
//     credential (the runner project registers its runners through it), and the evidence bucket
//     where CI keeps plans and logs for 6 years (HIPAA 164.316(b)(2)).
// It reads the careplane stack files it bootstraps (`careplane-bootstrap:stacks`) from the folder above.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { parseStackConfig, StackConfig } from "../components/config/stack-config";
import { ciRoleDocuments } from "../components/security/ci-roles";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from "../components/security/ci-trust-policies";
import { readStackFile } from "../tools/engine/stack-files";
import { evidenceBucketName, EVIDENCE_RETENTION_DAYS } from "./evidence";

const PROJECT_DIR = path.resolve(__dirname, "..");

function stacksToBootstrap(): StackConfig[] {
    const names = new pulumi.Config("careplane-bootstrap").requireObject<string[]>("stacks");
    const configs = names.map((stack) => {
        const file = readStackFile(PROJECT_DIR, stack);
        return parseStackConfig(file.config, path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`));
    });
    const accounts = [...new Set(configs.map((c) => c.account.id))];
    if (accounts.length !== 1)
        throw new pulumi.RunError(
            `careplane-bootstrap:stacks = ${JSON.stringify(names)} span accounts ${accounts.join(", ")}; one bootstrap stack per account`,
        );
    return configs;
}

const stacks = stacksToBootstrap();
const accountId = stacks[0].account.id;
const regions = [...new Set(stacks.map((s) => s.region))];
const provider = (region: string) => new aws.Provider(`aws-${region}`, { region: region as aws.Region, allowedAccountIds: [accountId] });
const providers = new Map(regions.map((r) => [r, provider(r)]));
const home = { provider: providers.get(regions[0])! };
const tags = { ManagedBy: "pulumi", Owner: stacks[0].owner, DataClassification: "internal", Environment: stacks[0].environment };

new aws.iam.OpenIdConnectProvider("github", { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: [GITHUB_OIDC_AUDIENCE], tags }, home);
new aws.s3.AccountPublicAccessBlock(
    "account",
    { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    home,
);

for (const stack of stacks) {
    for (const role of ciRoleDocuments(stack)) {
        const created = new aws.iam.Role(
            role.name,
            {
                name: role.name,
                description: `careplane ${stack.environment}: CI ${role.kind} role (GitHub OIDC)`,
                assumeRolePolicy: JSON.stringify(role.trust),
                maxSessionDuration: role.maxSessionDuration,
                tags: { ...tags, Environment: stack.environment },
            },
            home,
        );
        for (const managed of role.managed) {
            new aws.iam.RolePolicyAttachment(
                `${role.name}-${managed}`,
                { role: created.name, policyArn: `arn:aws:iam::aws:policy/${managed}` },
                home,
            );
        }
        for (const [name, document] of Object.entries(role.policies)) {
            const policy = new aws.iam.Policy(`${role.name}-${name}`, { policy: JSON.stringify(document), tags }, home);
            new aws.iam.RolePolicyAttachment(`${role.name}-${name}`, { role: created.name, policyArn: policy.arn }, home);
        }
    }
}

for (const [region, regional] of providers) {
    const opts = { provider: regional };
    const connection = new aws.codeconnections.Connection(
        `github-${region}`,
        { name: `${stacks[0].app}-github`, providerType: "GitHub", tags },
        opts,
    );
    // The connection stays PENDING until an administrator completes the GitHub handshake in the console.
    new aws.codebuild.SourceCredential(
        `github-${region}`,
        { authType: "CODECONNECTIONS", serverType: "GITHUB", token: connection.arn },
        opts,
    );

    const key = new aws.kms.Key(
        `evidence-${region}`,
        { description: "CI evidence: plans and logs", enableKeyRotation: true, deletionWindowInDays: 30, tags },
        { ...opts, protect: true },
    );
    const bucket = new aws.s3.Bucket(
        `evidence-${region}`,
        { bucket: evidenceBucketName(stacks[0].app, accountId, region), objectLockEnabled: true, tags },
        { ...opts, protect: true },
    );
    new aws.s3.BucketVersioning(`evidence-${region}`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    new aws.s3.BucketObjectLockConfiguration(
        `evidence-${region}`,
        {
            bucket: bucket.id,
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "COMPLIANCE", days: EVIDENCE_RETENTION_DAYS } },
        },
        opts,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `evidence-${region}`,
        {
            bucket: bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
        },
        opts,
    );
    new aws.s3.BucketPublicAccessBlock(
        `evidence-${region}`,
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        opts,
    );
}

export const githubOidcProvider = `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
export const ciRoles = stacks.flatMap((s) => ciRoleDocuments(s).map((r) => `arn:aws:iam::${accountId}:role/${r.name}`));
export const evidenceBuckets = regions.map((r) => evidenceBucketName(stacks[0].app, accountId, r));
