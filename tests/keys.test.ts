import { expect } from "chai";
import * as path from "path";
import { accountKeyActions, breakGlassKeyActions, keyClasses, keyPolicyDocument } from "../components/security/keys";
import { stackPrincipals } from "../components/access/stack-principals";
import { mockArn } from "../tools/engine/mocks";
import { ofType, planOf, ROOT } from "./support/engine";
import { decide } from "./iam/simulate";

/** A resource's ARN as the mock engine gave it, in the account its plan deployed to. */
const mockArnOf = (r: { type: string; name: string }, plan: { deployment?: { accountId: string } }) =>
    mockArn(r.type, r.name, "us-east-1", plan.deployment!.accountId);
/** The account a stack file names, as its plan records it. */
const accountOf = (plan: { deployment?: { accountId: string } }) => plan.deployment!.accountId;
/** For the pure policy documents built here. */
const ACCOUNT = "123456789012";
const statementsOf = (key: { inputs: Record<string, unknown> }) => JSON.parse(key.inputs.policy as string).Statement as any[];
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

/** IAM's StringLike: `*` any run of characters, `?` one character. */
const stringLike = (pattern: string, value: string) =>
    new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
    ).test(value);

describe("EncryptionKeys", () => {
    it("creates one rotating customer-managed key and alias per data class", async () => {
        const plan = await planOf("prod");
        const ofKeys = (type: string) => ofType(plan, type).filter((r) => r.parent.endsWith("careplane:security:EncryptionKeys::keys"));
        const keys = ofKeys("aws:kms/key:Key");
        expect(keys.map((k) => (k.inputs.tags as Record<string, string>).KeyClass).sort()).to.deep.equal([...keyClasses].sort());
        for (const k of keys) expect(k.inputs).to.include({ enableKeyRotation: true, rotationPeriodInDays: 365, deletionWindowInDays: 30 });
        const aliases = ofKeys("aws:kms/alias:Alias").map((a) => a.inputs.name);
        expect(aliases.sort()).to.deep.equal(keyClasses.map((c) => `alias/caresync-prod-${c}`).sort());
    });

    it("protects prod keys from deletion in Pulumi; dev keys are not", async () => {
        for (const k of ofType(await planOf("prod"), "aws:kms/key:Key")) expect(k.protect, k.name).to.equal(true);
        for (const k of ofType(await planOf("dev"), "aws:kms/key:Key")) expect(k.protect, k.name).to.equal(false);
    });

    it("writes the key policy the program passes, naming the services that may use each key", async () => {
        const plan = await planOf("prod");
        const logsKey = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-logs")!;
        const logsService = statementsOf(logsKey).find((s: any) => s.Principal.Service === "logs.us-east-1.amazonaws.com");
        expect(logsService.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).to.equal(`arn:aws:logs:us-east-1:${accountOf(plan)}:*`);
    });

    describe("administration (issue 22 item 3)", () => {
        it("grants the account (root delegation) no action that reaches the data or destroys the key: no CreateGrant, PutKeyPolicy, DisableKey, RevokeGrant, ScheduleKeyDeletion, nor a wildcard", async () => {
            for (const stack of ["dev", "prod"]) {
                const plan = await planOf(stack);
                for (const key of ofType(plan, "aws:kms/key:Key")) {
                    const root = `arn:aws:iam::${accountOf(plan)}:root`;
                    const delegated = statementsOf(key).filter(
                        (s) =>
                            s.Effect === "Allow" && s.Principal.AWS === root && s.Condition?.ArnEquals?.["aws:PrincipalArn"] === undefined,
                    );
                    const actions = delegated.flatMap((s) => {
                        // A grant a service creates for its own resource stays with the services.
                        if (s.Condition?.Bool?.["kms:GrantIsForAWSResource"] === "true") return [];
                        return list(s.Action);
                    });
                    expect(
                        actions.filter((a) => a.includes("*") && !/^kms:(ReEncrypt|GenerateDataKey)\*$/.test(a)),
                        key.name,
                    ).to.deep.equal([]);
                    expect(actions, key.name).not.to.include.members(["kms:CreateGrant"]);
                    for (const a of [...breakGlassKeyActions, "kms:ScheduleKeyDeletion"])
                        expect(actions, `${stack} ${key.name}`).not.to.include(a);
                }
            }
        });

        it("creates every key with the lockout check bypassed, and with a policy that still lets break-glass and the root user rewrite it", async () => {
            for (const stack of ["dev", "test", "staging", "prod"]) {
                const plan = await planOf(stack);
                const p = stackPrincipals({ partition: "aws", accountId: accountOf(plan), app: "caresync", environment: stack });
                for (const key of ofType(plan, "aws:kms/key:Key")) {
                    expect(key.inputs.bypassPolicyLockoutSafetyCheck, key.name).to.equal(true);
                    const policy = JSON.parse(key.inputs.policy as string);
                    const keyArn = `arn:aws:kms:us-east-1:${accountOf(plan)}:key/${key.name}`;
                    const ask = (principal: string, context: Record<string, string>) =>
                        decide({
                            principal,
                            identityPolicies: [],
                            action: "kms:PutKeyPolicy",
                            resource: keyArn,
                            resourceAccount: accountOf(plan),
                            resourcePolicy: policy,
                            context,
                        });
                    const mfa = { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "60" };
                    // Named by ARN in the key policy, these need no identity policy of their own to be evaluated here.
                    const withIdentity = async (principal: string, context: Record<string, string>) =>
                        decide({
                            principal,
                            identityPolicies: [
                                {
                                    name: "kms",
                                    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] },
                                },
                            ],
                            action: "kms:PutKeyPolicy",
                            resource: keyArn,
                            resourceAccount: accountOf(plan),
                            resourcePolicy: policy,
                            context,
                        });
                    expect(await withIdentity(p.breakGlassRole, mfa), `${stack} ${key.name} break-glass`).to.equal("Allowed");
                    expect(await withIdentity(p.rootUser, {}), `${stack} ${key.name} root user`).to.equal("Allowed");
                    expect(await ask(p.deployRole, {}), `${stack} ${key.name} deploy role`).to.equal("ExplicitlyDenied");
                }
            }
        });

        it("names break-glass and the deploy role by ARN in conditions, never as a Principal (KMS refuses a Principal that does not exist yet)", async () => {
            for (const key of ofType(await planOf("staging"), "aws:kms/key:Key")) {
                const principals = statementsOf(key).flatMap((s) => list(s.Principal?.AWS));
                expect(
                    principals.filter((a) => /break-glass|ci-deploy/.test(a)),
                    key.name,
                ).to.deep.equal([]);
            }
        });
    });

    describe("deletion (issue 18 item 7, issue 22 item 3)", () => {
        const deleters = (doc: { Statement: any[] }) =>
            doc.Statement.filter((s) => s.Effect === "Allow" && list(s.Action).includes("kms:ScheduleKeyDeletion")).map(
                (s) => s.Condition.ArnEquals["aws:PrincipalArn"],
            );
        const denyExempts = (doc: { Statement: any[] }) =>
            doc.Statement.find((s) => s.Effect === "Deny" && list(s.Action).includes("kms:ScheduleKeyDeletion")).Condition.ArnNotEquals[
                "aws:PrincipalArn"
            ];

        it("lets nobody schedule a prod key's deletion, and denies it to all but break-glass", async () => {
            const plan = await planOf("prod");
            const p = stackPrincipals({ partition: "aws", accountId: accountOf(plan), app: "caresync", environment: "prod" });
            for (const key of ofType(plan, "aws:kms/key:Key")) {
                const doc = JSON.parse(key.inputs.policy as string);
                expect(deleters(doc), key.name).to.deep.equal([]);
                expect(denyExempts(doc), key.name).to.deep.equal([p.breakGlassRole]);
            }
        });

        it("lets the deploy role delete every key of a disposable stack, so `pulumi destroy` of dev and test completes", async () => {
            for (const stack of ["dev", "test"]) {
                const plan = await planOf(stack);
                const p = stackPrincipals({ partition: "aws", accountId: accountOf(plan), app: "caresync", environment: stack });
                for (const key of ofType(plan, "aws:kms/key:Key")) {
                    const doc = JSON.parse(key.inputs.policy as string);
                    expect(deleters(doc), `${stack} ${key.name}`).to.have.members([p.breakGlassRole, p.deployRole]);
                }
            }
        });

        it("leaves the staging backups key's deletion to break-glass alone", async () => {
            const plan = await planOf("staging");
            const p = stackPrincipals({ partition: "aws", accountId: accountOf(plan), app: "caresync", environment: "staging" });
            const keys = ofType(plan, "aws:kms/key:Key");
            const backups = JSON.parse(keys.find((k) => k.name === "keys-backups")!.inputs.policy as string);
            expect(deleters(backups)).to.deep.equal([p.breakGlassRole]);
            expect(denyExempts(backups)).to.deep.equal([p.breakGlassRole]);
            const data = JSON.parse(keys.find((k) => k.name === "keys-data")!.inputs.policy as string);
            expect(deleters(data)).to.have.members([p.breakGlassRole, p.deployRole]);
        });

        it("lets the account delete and re-point aliases (destroy deletes the alias before the key; KMS checks kms:DeleteAlias on the key too)", () => {
            expect(accountKeyActions).to.include.members(["kms:DeleteAlias", "kms:CreateAlias", "kms:UpdateAlias", "kms:DescribeKey"]);
            const doc = keyPolicyDocument({
                keyClass: "secrets",
                accountId: ACCOUNT,
                partition: "aws",
                region: "eu-west-1",
                principals: stackPrincipals({ partition: "aws", accountId: ACCOUNT, app: "x", environment: "dev" }),
                deleters: "deployer-and-break-glass",
            });
            const account = doc.Statement.find((s: any) => s.Sid === "AccountReadsAndMaintainsKey") as any;
            expect(account.Action).to.include("kms:DeleteAlias");
            expect(account.Principal.AWS).to.equal(`arn:aws:iam::${ACCOUNT}:root`);
        });
    });

    describe("CloudTrail on the logs key (issue 18 item 3)", () => {
        const cloudTrailStatements = async (stack: string, overrides: Record<string, unknown> = {}) => {
            const plan = await planOf(stack, overrides);
            const logsKey = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-logs")!;
            return { plan, statements: statementsOf(logsKey).filter((s) => s.Principal?.Service === "cloudtrail.amazonaws.com") };
        };

        it("allows what AWS's key-policy page for CloudTrail requires, for this stack's trail only", async () => {
            const { plan, statements } = await cloudTrailStatements("prod");
            const [trail] = ofType(plan, "aws:cloudtrail/trail:Trail");
            const trailArn = `arn:aws:cloudtrail:us-east-1:${accountOf(plan)}:trail/${trail.inputs.name}`;
            const by = (action: string) => statements.filter((s) => list(s.Action).includes(action));

            // DescribeKey carries no encryption context: a context condition on it made CreateTrail fail.
            const [describe] = by("kms:DescribeKey");
            expect(describe.Condition).to.deep.equal({ StringEquals: { "aws:SourceArn": trailArn } });
            // The trail bucket uses an S3 Bucket Key with the logs key: creating the trail needs Decrypt.
            const [decrypt] = by("kms:Decrypt");
            expect(decrypt.Condition).to.deep.equal({ StringEquals: { "aws:SourceArn": trailArn } });
            const [encrypt] = by("kms:GenerateDataKey*");
            expect(encrypt.Condition.StringEquals).to.deep.equal({ "aws:SourceArn": trailArn });
            const context = encrypt.Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"];
            expect(stringLike(context, trailArn), "this account's trail matches the context condition").to.equal(true);
            expect(stringLike(context, `arn:aws:cloudtrail:us-east-1:999999999999:trail/x`), "another account's does not").to.equal(false);
        });

        it("is needed because the trail's bucket encrypts with the logs key through an S3 Bucket Key", async () => {
            const plan = await planOf("prod");
            const logsKey = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-logs")!;
            const encryption = ofType(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find(
                (r) => r.name === "audit-trail",
            )!;
            const [rule] = encryption.inputs.rules as any[];
            expect(rule).to.deep.include({ bucketKeyEnabled: true });
            expect(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId).to.equal(mockArnOf(logsKey, plan));
        });

        it("gives CloudTrail nothing where the stack runs no trail", async () => {
            const { plan, statements } = await cloudTrailStatements("dev", { "careplane:audit": { trail: false } });
            expect(ofType(plan, "aws:cloudtrail/trail:Trail")).to.have.length(0);
            expect(statements).to.deep.equal([]);
        });
    });

    describe("EKS node volumes (issue 18 item 2)", () => {
        const autoScaling = (plan: { deployment?: { accountId: string } }) =>
            `arn:aws:iam::${accountOf(plan)}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
        const dataKeyPolicy = async (stack: string, dir?: string) => {
            const plan = await planOf(stack, {}, dir);
            const key = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-data")!;
            return { plan, key, statements: statementsOf(key) };
        };

        it("encrypts the nodes' volumes with the data key", async () => {
            const { plan, key } = await dataKeyPolicy("prod");
            const template = ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")[0];
            const ebs = (template.inputs.blockDeviceMappings as any[])[0].ebs;
            expect(ebs).to.include({ encrypted: "true", kmsKeyId: mockArnOf(key, plan) });
        });

        it("lets Auto Scaling, which launches the nodes, use the data key and grant it for AWS resources only", async () => {
            const { plan, statements } = await dataKeyPolicy("prod");
            const byAutoScaling = statements.filter((s) => s.Principal?.AWS === autoScaling(plan));
            expect(byAutoScaling.flatMap((s) => s.Action)).to.include.members(["kms:GenerateDataKey*", "kms:Decrypt", "kms:CreateGrant"]);
            const grant = byAutoScaling.find((s) => [s.Action].flat().includes("kms:CreateGrant"));
            expect(grant.Condition).to.deep.equal({ Bool: { "kms:GrantIsForAWSResource": "true" } });
        });

        it("creates Auto Scaling's service-linked role before the data key that names it (KMS refuses a policy naming a principal that does not exist)", async () => {
            for (const stack of ["dev", "prod"]) {
                const { plan, key } = await dataKeyPolicy(stack);
                const [role] = ofType(plan, "aws:iam/serviceLinkedRole:ServiceLinkedRole");
                expect(role.inputs.awsServiceName).to.equal("autoscaling.amazonaws.com");
                expect(key.dependencies, `${stack}: the data key waits for the role`).to.include(role.urn);
                // The ARN the policy names is the one AWS gives this role: /aws-service-role/<service>/AWSServiceRoleForAutoScaling.
                expect(autoScaling(plan)).to.equal(
                    `arn:aws:iam::${accountOf(plan)}:role/aws-service-role/${role.inputs.awsServiceName}/AWSServiceRoleForAutoScaling`,
                );
                for (const other of ofType(plan, "aws:kms/key:Key").filter((k) => k.name !== "keys-data")) {
                    expect(other.dependencies, `${stack}: ${other.name} needs no Auto Scaling role`).not.to.include(role.urn);
                }
            }
        });

        it("leaves Auto Scaling out of the key policy where nothing runs on EC2 nodes (ECS Fargate)", async () => {
            const { plan, statements } = await dataKeyPolicy("prod", path.join(ROOT, "examples/arocord"));
            expect(ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")).to.have.length(0);
            expect(statements.filter((s) => s.Principal?.AWS === autoScaling(plan))).to.have.length(0);
            // As its account's singleton owner it still creates the role (another stack of the account may run EKS), without depending on it.
            const [role] = ofType(plan, "aws:iam/serviceLinkedRole:ServiceLinkedRole");
            const key = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-data")!;
            expect(key.dependencies).not.to.include(role.urn);
        });
    });
});
