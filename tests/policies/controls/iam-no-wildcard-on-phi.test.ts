import { expect } from "chai";
import { fixturePlan, tagsFor, violationsOfPolicy } from "../../support/engine";

const POLICY = "careplane-iam-no-wildcard-on-phi";
const BUCKET = "arn:aws:s3:::caresync-prod-backups";
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const one = (type: string, inputs: Record<string, unknown>) => fixturePlan([{ type, name: "subject", inputs }]);
const identityPolicy = (policy: string) => one("aws:iam/policy:Policy", { policy, tags: tagsFor("prod", "internal") });
const messagesOf = async (plan: ReturnType<typeof fixturePlan>) => (await violationsOfPolicy(POLICY, plan)).map((v) => v.message);

describe(POLICY, () => {
    describe("wildcard actions on PHI services", () => {
        it("passes an identity policy naming its S3 actions", async () => {
            const policy = doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${BUCKET}/*` });
            expect(await messagesOf(identityPolicy(policy))).to.deep.equal([]);
        });

        it("fails s3:* on a bucket, naming the statement, and is mandatory", async () => {
            const plan = identityPolicy(doc({ Sid: "Backups", Effect: "Allow", Action: "s3:*", Resource: [BUCKET, `${BUCKET}/*`] }));
            const [v, ...rest] = await violationsOfPolicy(POLICY, plan);
            expect(rest).to.have.length(0);
            expect(v.enforcementLevel).to.equal("mandatory");
            expect(v.message).to.contain("subject (aws:iam/policy:Policy): statement Backups allows s3:*");
            expect(v.message).to.contain("164.312(a)(1)");
        });

        it("fails `*`, secretsmanager:* and kms:* inline in a role, and NotAction", async () => {
            const policy = doc(
                { Effect: "Allow", Action: "*", Resource: BUCKET },
                { Effect: "Allow", Action: ["secretsmanager:*", "kms:*"], Resource: "arn:aws:kms:us-east-1:123456789012:key/k" },
                { Effect: "Allow", NotAction: "iam:*", Resource: BUCKET },
            );
            const messages = await messagesOf(
                one("aws:iam/role:Role", { inlinePolicies: [{ name: "inline", policy }], tags: tagsFor("prod") }),
            );
            expect(messages).to.have.length(3);
            expect(messages[0]).to.contain("statement 1 allows *");
            expect(messages[1]).to.contain("statement 2 allows secretsmanager:*, kms:*");
            expect(messages[2]).to.contain("statement 3 allows every action but those in NotAction");
        });

        it("passes a key policy whose administration actions are prefixes (kms:Describe*), and fails one granting kms:*", async () => {
            const root = { AWS: "arn:aws:iam::123456789012:root" };
            const key = (Action: string | string[]) =>
                one("aws:kms/key:Key", { policy: doc({ Effect: "Allow", Principal: root, Action, Resource: "*" }), tags: tagsFor("prod") });
            expect(await messagesOf(key(["kms:Describe*", "kms:Enable*", "kms:Get*"]))).to.deep.equal([]);
            expect(await messagesOf(key("kms:*"))).to.have.length(1);
        });

        it("passes a bucket policy whose only s3:* statement denies (TLS-only), and fails one allowing s3:*", async () => {
            const tlsOnly = {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [BUCKET, `${BUCKET}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            };
            const allowAll = {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::123456789012:root" },
                Action: "s3:*",
                Resource: `${BUCKET}/*`,
            };
            const bucketPolicy = (...s: object[]) =>
                one("aws:s3/bucketPolicy:BucketPolicy", { bucket: "caresync-prod-backups", policy: doc(...s) });
            expect(await messagesOf(bucketPolicy(tlsOnly))).to.deep.equal([]);
            expect(await messagesOf(bucketPolicy(tlsOnly, allowAll))).to.have.length(1);
        });

        it("does not flag service wildcards outside the PHI services", async () => {
            expect(await messagesOf(identityPolicy(doc({ Effect: "Allow", Action: "cloudwatch:*", Resource: "*" })))).to.deep.equal([]);
        });
    });

    describe("wildcard resources for PHI data actions", () => {
        it("passes secret reads scoped to the service's own ARNs, and discovery on `*`", async () => {
            const policy = doc(
                {
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:caresync/prod/database-??????",
                },
                { Effect: "Allow", Action: ["rds:DescribeDBInstances", "s3:ListAllMyBuckets"], Resource: "*" },
                { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
            );
            expect(await messagesOf(identityPolicy(policy))).to.deep.equal([]);
        });

        it("fails data actions on `*` and on every ARN of a kind", async () => {
            const policy = doc(
                { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "*" },
                { Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:123456789012:key/*" },
                { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*" },
            );
            const messages = await messagesOf(one("aws:iam/rolePolicy:RolePolicy", { role: "r", policy }));
            expect(messages).to.have.length(3);
            expect(messages[0]).to.contain("statement 1 allows secretsmanager:GetSecretValue on *");
            expect(messages[1]).to.contain("on arn:aws:kms:us-east-1:123456789012:key/*");
            expect(messages[2]).to.contain("on arn:aws:s3:::*");
        });

        it("passes restore and copy on the account's recovery points (the vault policy decides), and fails anything else there or on every vault", async () => {
            const recoveryPoints = "arn:aws:backup:us-east-1:123456789012:recovery-point:*";
            const restore = doc({ Effect: "Allow", Action: ["backup:StartRestoreJob", "backup:StartCopyJob"], Resource: recoveryPoints });
            expect(await messagesOf(identityPolicy(restore))).to.deep.equal([]);
            const more = doc(
                { Effect: "Allow", Action: ["backup:StartRestoreJob", "backup:DeleteRecoveryPoint"], Resource: recoveryPoints },
                { Effect: "Allow", Action: "backup:StartRestoreJob", Resource: "*" },
            );
            const messages = await messagesOf(identityPolicy(more));
            expect(messages).to.have.length(2);
            expect(messages[0]).to.contain(
                "statement 1 allows backup:DeleteRecoveryPoint on arn:aws:backup:us-east-1:123456789012:recovery-point:*",
            );
            expect(messages[1]).to.contain("statement 2 allows backup:StartRestoreJob on *");
        });

        it("fails object actions on every bucket's objects and on a bucket-name pattern (bucket ARNs name no account)", async () => {
            const policy = doc(
                { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" },
                { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::caresync-prod-*/*" },
            );
            const messages = await messagesOf(identityPolicy(policy));
            expect(messages).to.have.length(2);
            expect(messages[0]).to.contain("statement 1 allows s3:GetObject on arn:aws:s3:::*/*");
            expect(messages[1]).to.contain("statement 2 allows s3:PutObject on arn:aws:s3:::caresync-prod-*/*");
        });

        it('reads `Resource: "*"` in a resource policy as the resource itself', async () => {
            const secretPolicy = doc({
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::123456789012:role/api" },
                Action: "secretsmanager:GetSecretValue",
                Resource: "*",
            });
            expect(
                await messagesOf(one("aws:secretsmanager/secretPolicy:SecretPolicy", { secretArn: "s", policy: secretPolicy })),
            ).to.deep.equal([]);
        });
    });

    describe("full-access managed policies", () => {
        it("passes a role attached to a narrow managed policy", async () => {
            const plan = one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
                role: "nodes",
                policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            });
            expect(await messagesOf(plan)).to.deep.equal([]);
        });

        it("fails AmazonS3FullAccess attached to a role, and AdministratorAccess in managedPolicyArns", async () => {
            const attachment = one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
                role: "api",
                policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            });
            expect(await messagesOf(attachment)).to.satisfy((m: string[]) => m.length === 1 && m[0].includes("AmazonS3FullAccess"));
            const role = one("aws:iam/role:Role", {
                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
                tags: tagsFor("prod"),
            });
            expect(await messagesOf(role)).to.have.length(1);
        });
    });
});
