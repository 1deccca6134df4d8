// OmniCare EMR [seed 002] pushes its images to GitHub Container Registry ("export REGISTRY=ghcr.io",
// "docker push $REGISTRY/omnicare/backend:$VERSION"); careplane pulls them through the account's ECR
// pull-through cache. Each piece is checked against the recorded plan, with AWS's rules from the Amazon ECR
// User Guide ("Sync an upstream registry with an Amazon ECR private registry", "IAM permissions required to
// sync an upstream registry", "Creating a repository creation template", "Amazon ECR service-linked role for
// pull through cache") and the expected figures from the guide and the root stacks.
import { expect } from "chai";
import { mockArn } from "../../tools/engine/mocks";
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { ofType, planOf } from "../support/engine";
import { allows } from "../support/iam";
import { awsArn, PolicyDocument } from "../iam/policies";
import { decide } from "../iam/simulate";
import { decideWithAllKeys } from "../iam/trust";
import { examplePlan, mandatoryViolations, theOne } from "./support";

/** The guide's registry and the images it pushes there ("Step 1: Build and Push Docker Images"). */
const registry = "ghcr.io";
const pushed = ["omnicare/backend", "omnicare/frontend"];

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
/** The role AWS creates for pull-through cache, as its service-linked role page names it. */
const PULL_THROUGH_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/pullthroughcache.ecr.amazonaws.com/AWSServiceRoleForECRPullThroughCache`;
/** That role's AWS-managed policy (AWSECRPullThroughCache_ServiceRolePolicy v3, its SecretsManager statement). */
const PULL_THROUGH_ROLE_POLICY: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "SecretsManager",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: "arn:aws:secretsmanager:*:*:secret:ecr-pullthroughcache/*",
            Condition: { StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } },
        },
    ],
};

const byUrn = (p: Plan, urn: string) => p.resources.find((r) => r.urn === urn)!;
const attachedPolicies = (p: Plan, role: PlannedResource): PolicyDocument[] =>
    ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((a) => (a.propertyDependencies.role ?? []).includes(role.urn))
        .flatMap((a) => (a.propertyDependencies.policyArn ?? []).map((u) => byUrn(p, u)))
        .map((r) => JSON.parse(awsArn(r.inputs.policy as string)));
/** The ARN Secrets Manager gives an entry: its name, `-` and six characters. */
const secretArnOf = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-Ab12Cd`;

describe("examples/omnicare [seed 002]: images from GitHub Container Registry through the ECR pull-through cache", () => {
    const plan = () => examplePlan("omnicare", "prod");
    const credential = (p: Plan) =>
        ofType(p, "aws:secretsmanager/secret:Secret").find((s) => String(s.inputs.name).startsWith("ecr-pullthroughcache/"))!;

    it("previews clean with both services on ghcr", async () => {
        expect(await mandatoryViolations("omnicare", await plan())).to.deep.equal([]);
    });

    it("runs each pushed image from the cache's ghcr/ prefix in the account's registry, pinned by digest, and creates no stack repository for them", async () => {
        const p = await plan();
        const images = ofType(p, "kubernetes:apps/v1:Deployment").flatMap((d) =>
            ((d.inputs.spec as any).template.spec.containers as Array<{ image: string }>).map((c) => c.image),
        );
        for (const image of pushed) {
            const running = images.filter((i) => i.startsWith(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/ghcr/${image}:2.0.0@sha256:`));
            expect(running, image).to.have.length(1);
        }
        expect(ofType(p, "aws:ecr/repository:Repository").map((r) => r.inputs.name)).to.deep.equal([]);
    });

    it("scans each cached image on push: the registry's scanning filter matches the cache's repositories", async () => {
        const p = await plan();
        const scanning = theOne(p, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration").inputs as {
            scanType: string;
            rules: Array<{ scanFrequency: string; repositoryFilters: Array<{ filter: string; filterType: string }> }>;
        };
        // "Filters to choose which repositories are scanned in Amazon ECR": * stands for zero or more characters.
        const matches = (filter: string, name: string) =>
            new RegExp(
                `^${filter
                    .split("*")
                    .map((part) => part.replace(/[.\/-]/g, "\\$&"))
                    .join(".*")}$`,
            ).test(name);
        for (const image of pushed) {
            const onPush = scanning.rules.filter(
                (r) =>
                    r.scanFrequency === "SCAN_ON_PUSH" &&
                    r.repositoryFilters.some((f) => f.filterType === "WILDCARD" && matches(f.filter, `ghcr/${image}`)),
            );
            expect(onPush, `ghcr/${image}`).to.have.length(1);
        }
    });

    it("has one pull-through cache rule: ghcr/ from ghcr.io, with a credential named under ecr-pullthroughcache/, created after the credential's value and the template", async () => {
        const p = await plan();
        const rule = theOne(p, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
        expect(rule.inputs.ecrRepositoryPrefix).to.equal("ghcr");
        expect(rule.inputs.upstreamRegistryUrl).to.equal(registry);
        const secret = credential(p);
        expect(secret.inputs.name).to.equal("ecr-pullthroughcache/omnicare/prod/ghcr");
        expect(rule.propertyDependencies.credentialArn).to.deep.equal([secret.urn]);
        const version = ofType(p, "aws:secretsmanager/secretVersion:SecretVersion").find((v) =>
            (v.propertyDependencies.secretId ?? []).includes(secret.urn),
        )!;
        expect(rule.dependencies).to.include.members([
            version.urn,
            theOne(p, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate").urn,
        ]);
    });

    it("stores { username, accessToken } as a protected, KMS-encrypted stand-in until the on-call owner stores the GitHub token, and alarms on its age like every partner-issued entry", async () => {
        const p = await plan();
        const secret = credential(p);
        expect(secret.protect).to.equal(true);
        expect((secret.inputs.tags as Record<string, string>).Rotation).to.equal("partner");
        const secretsKey = ofType(p, "aws:kms/key:Key").find((k) => (k.inputs.tags as Record<string, string>).KeyClass === "secrets")!;
        expect(secret.propertyDependencies.kmsKeyId).to.deep.equal([secretsKey.urn]);
        const generated = ofType(p, "random:index/randomPassword:RandomPassword").map((r) => r.name);
        expect(generated).to.include.members([`${secret.name}-username`, `${secret.name}-accessToken`]);
        const ageAlarm = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
            Object.values((a.inputs.dimensions ?? {}) as Record<string, string>).includes(secret.inputs.name as string),
        );
        expect(ageAlarm).to.have.length(1);
    });

    it("lets ECR's pull-through cache role read and decrypt that credential, and decrypt no other entry with the secrets key", async () => {
        const p = await plan();
        const secret = credential(p);
        const arn = secretArnOf(secret.inputs.name as string);
        const entryPolicy = ofType(p, "aws:secretsmanager/secretPolicy:SecretPolicy").find((sp) =>
            (sp.propertyDependencies.secretArn ?? []).includes(secret.urn),
        )!;
        const read = await decide({
            principal: PULL_THROUGH_ROLE,
            identityPolicies: [{ name: "AWSECRPullThroughCache_ServiceRolePolicy", policy: PULL_THROUGH_ROLE_POLICY }],
            action: "secretsmanager:GetSecretValue",
            resource: arn,
            resourcePolicy: JSON.parse(awsArn(entryPolicy.inputs.policy as string)),
        });
        expect(read, "GetSecretValue").to.equal("Allowed");

        const secretsKey = byUrn(p, secret.propertyDependencies.kmsKeyId[0]);
        const keyPolicy = JSON.parse(awsArn(secretsKey.inputs.policy as string));
        // Secrets Manager sends the entry's ARN as encryption context (iam-simulate's checked entry point drops that key).
        const decrypt = (secretArn: string, principal = PULL_THROUGH_ROLE) =>
            decideWithAllKeys({
                principal,
                identityPolicies: [],
                action: "kms:Decrypt",
                resource: awsArn(mockArn(secretsKey.type, secretsKey.name)),
                resourcePolicy: keyPolicy,
                context: {
                    "aws:PrincipalArn": principal,
                    "aws:PrincipalAccount": ACCOUNT,
                    "kms:CallerAccount": ACCOUNT,
                    "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`,
                    "kms:EncryptionContext:SecretARN": secretArn,
                },
            });
        expect(decrypt(arn), "its credential").to.equal("Allowed");
        expect(decrypt(secretArnOf("omnicare/prod/database")), "another entry").to.not.equal("Allowed");
        expect(decrypt(arn, `arn:aws:iam::${ACCOUNT}:role/workload`), "another role").to.not.equal("Allowed");
    });

    it("creates the cache repositories from a template: KMS with a key ECR alone uses, the root stacks' lifecycle policy, mutable tags ECR can refresh, through a role ECR assumes", async () => {
        const p = await plan();
        const template = theOne(p, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");
        expect(template.inputs.prefix).to.equal("ghcr");
        expect(template.inputs.appliedFors).to.deep.equal(["PULL_THROUGH_CACHE"]);
        expect(template.inputs.imageTagMutability).to.equal("MUTABLE");
        const [encryption] = template.inputs.encryptionConfigurations as Array<{ encryptionType: string; kmsKey: string }>;
        expect(encryption.encryptionType).to.equal("KMS");
        const [key] = template.propertyDependencies.encryptionConfigurations
            .map((u) => byUrn(p, u))
            .filter((r) => r.type === "aws:kms/key:Key");
        const usedThrough = JSON.parse(key.inputs.policy as string).Statement.find((s: any) => s.Sid === "UseThroughNamedServicesOnly");
        expect(usedThrough.Condition.StringEquals["kms:ViaService"]).to.deep.equal([`ecr.${REGION}.amazonaws.com`]);

        // The policy the root stacks' own repositories carry.
        const rootPolicies = ofType(await planOf("dev"), "aws:ecr/lifecyclePolicy:LifecyclePolicy").map((l) =>
            JSON.parse(l.inputs.policy as string),
        );
        expect(rootPolicies).to.not.be.empty;
        for (const rootPolicy of rootPolicies) expect(JSON.parse(template.inputs.lifecyclePolicy as string)).to.deep.equal(rootPolicy);

        const role = byUrn(p, template.propertyDependencies.customRoleArn[0]);
        expect(role.type).to.equal("aws:iam/role:Role");
        expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal).to.deep.equal({ Service: "ecr.amazonaws.com" });
        const [policy] = attachedPolicies(p, role);
        const cacheRepository = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ghcr/omnicare/backend`;
        expect(await allows(policy, "ecr:CreateRepository", cacheRepository)).to.equal(true);
        expect(await allows(policy, "ecr:CreateRepository", `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/omnicare/backend`)).to.equal(
            false,
        );
        // ECR creates the repository's grant on the key as that role: its policy and the key's must both allow it.
        const roleArn = `arn:aws:iam::${ACCOUNT}:role/${role.name}`;
        const grant = (keyArn: string, via: string) =>
            decideWithAllKeys({
                principal: roleArn,
                identityPolicies: [{ name: "repository-creation", policy }],
                action: "kms:CreateGrant",
                resource: keyArn,
                resourcePolicy: JSON.parse(awsArn(key.inputs.policy as string)),
                context: {
                    "aws:PrincipalArn": roleArn,
                    "aws:PrincipalAccount": ACCOUNT,
                    "kms:CallerAccount": ACCOUNT,
                    "kms:ViaService": `${via}.${REGION}.amazonaws.com`,
                    "kms:GrantIsForAWSResource": "true",
                },
            });
        expect(grant(awsArn(encryption.kmsKey), "ecr"), "through ECR").to.equal("Allowed");
        expect(grant(awsArn(encryption.kmsKey), "s3"), "through another service").to.not.equal("Allowed");
        expect(grant(`arn:aws:kms:${REGION}:${ACCOUNT}:key/another`, "ecr"), "another key").to.not.equal("Allowed");
    });

    it("lets the EKS nodes have ECR fetch an image it does not hold yet, under ghcr/ alone", async () => {
        const p = await plan();
        const nodes = theOne(p, "aws:eks/nodeGroup:NodeGroup");
        const role = byUrn(p, nodes.propertyDependencies.nodeRoleArn[0]);
        const policies = attachedPolicies(p, role);
        const allowedBy = async (action: string, resource: string) =>
            (await Promise.all(policies.map((policy) => allows(policy, action, resource)))).some(Boolean);
        for (const image of pushed) {
            const repository = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ghcr/${image}`;
            expect(await allowedBy("ecr:BatchImportUpstreamImage", repository), image).to.equal(true);
            expect(await allowedBy("ecr:CreateRepository", repository), image).to.equal(true);
        }
        expect(await allowedBy("ecr:CreateRepository", `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/omnicare/backend`)).to.equal(false);
        expect(await allowedBy("ecr:BatchImportUpstreamImage", `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/quay/tools`)).to.equal(false);
    });
});
