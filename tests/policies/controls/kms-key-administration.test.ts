import { keyPolicyDocument } from "../../../components/security/keys";
import { aws, res, specControl } from "../../support/controls";
import { ACCOUNT, doc, principals } from "../baselines/keys-and-break-glass";

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
// ---- careplane-kms-key-administration -------------------------------------------------------------
const KEY = "aws:kms/key:Key";
const keyPolicy = (environment: string, deleters: "nobody" | "break-glass" | "deployer-and-break-glass") =>
    JSON.stringify(
        keyPolicyDocument({
            keyClass: "backups",
            accountId: ACCOUNT,
            partition: "aws",
            region: "us-east-1",
            principals: principals(environment),
            deleters,
        }),
    );
const prodKey = aws(KEY, "backups-key", { policy: keyPolicy("prod", "nobody"), bypassPolicyLockoutSafetyCheck: true });
const devKey = aws(
    KEY,
    "backups-key",
    { policy: keyPolicy("dev", "deployer-and-break-glass"), bypassPolicyLockoutSafetyCheck: true },
    {},
    "dev",
);
const accountAllows = (...Action: string[]) => ({ Sid: "Admins", Effect: "Allow", Principal: { AWS: ROOT }, Action, Resource: "*" });
specControl("careplane-kms-key-administration", {
    passes: [
        { it: "careplane's prod backups key (break-glass by aws:PrincipalArn, deletion by nobody)", fixtures: [prodKey] },
        { it: "careplane's dev backups key (the deploy role deletes it)", fixtures: [devKey], environment: "dev" },
        {
            it: "a grant the account's services create only for AWS resources",
            fixtures: [
                aws(KEY, "k", {
                    policy: doc({
                        Effect: "Allow",
                        Principal: { AWS: ROOT },
                        Action: "kms:CreateGrant",
                        Resource: "*",
                        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
                    }),
                }),
            ],
        },
    ],
    fails: [
        {
            it: "kms:Create* to the account root (CreateGrant)",
            fixtures: [aws(KEY, "k", { policy: doc(accountAllows("kms:Create*", "kms:Describe*")) })],
            message: "k (aws:kms/key:Key): statement Admins lets every principal of the account (through IAM) kms:CreateGrant",
        },
        {
            it: "kms:Put* to the account root (PutKeyPolicy)",
            fixtures: [aws(KEY, "k", { policy: doc(accountAllows("kms:Put*")) })],
            message: "lets every principal of the account (through IAM) kms:PutKeyPolicy",
        },
        {
            it: "kms:* to everyone under an aws:PrincipalArn pattern",
            fixtures: [
                aws(
                    KEY,
                    "k",
                    {
                        policy: doc({
                            Sid: "Pattern",
                            Effect: "Allow",
                            Principal: { AWS: "*" },
                            Action: "kms:*",
                            Resource: "*",
                            Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } },
                        }),
                    },
                    {},
                    "dev",
                ),
            ],
            environment: "dev",
            message:
                "statement Pattern lets every principal of the account (through IAM) kms:CreateGrant, kms:PutKeyPolicy, kms:ScheduleKeyDeletion, kms:DisableKey, kms:RevokeGrant",
        },
        {
            it: "an explicit ScheduleKeyDeletion for the account on a dev key",
            fixtures: [aws(KEY, "k", { policy: doc(accountAllows("kms:ScheduleKeyDeletion")) }, {}, "dev")],
            environment: "dev",
            message: "kms:ScheduleKeyDeletion",
        },
        {
            it: "a prod key whose policy lets a named role schedule its deletion",
            fixtures: [aws(KEY, "k", { policy: keyPolicy("prod", "deployer-and-break-glass") })],
            message:
                "statement BreakGlassAdministersKey, statement DeployRoleDestroysDisposableKey allow kms:ScheduleKeyDeletion on a prod key",
        },
        {
            it: "a key past the lockout check with nobody left to rewrite its policy",
            fixtures: [aws(KEY, "k", { bypassPolicyLockoutSafetyCheck: true, policy: doc(accountAllows("kms:DescribeKey")) })],
            message: "the key bypasses KMS's lockout safety check and no statement allows kms:PutKeyPolicy",
        },
        {
            it: "a standalone key policy granting the account kms:Put*",
            fixtures: [res("aws:kms/keyPolicy:KeyPolicy", "kp", { keyId: "k", policy: doc(accountAllows("kms:Put*")) })],
            message: "kp (aws:kms/keyPolicy:KeyPolicy)",
        },
    ],
});
