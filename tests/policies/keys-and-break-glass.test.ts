// The key-administration, break-glass, vault-restore and PHI-bucket allow-list controls: compliant fixtures (the
// policies careplane writes) pass, and each rule fails on a fixture that breaks it.
import { keyPolicyDocument } from "../../components/security/keys";
import { breakGlassTrustPolicy } from "../../components/access/break-glass";
import { stackPrincipals } from "../../components/access/stack-principals";
import { vaultAccessPolicy } from "../../components/backup/backup";
import { allowListStatements, denyInsecureTransport } from "../../components/storage/bucket-policies";
import { aws, patch, res, specControl } from "../support/controls";

const ACCOUNT = "123456789012";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const principals = (environment: string) => stackPrincipals({ partition: "aws", accountId: ACCOUNT, app: "caresync", environment });

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

// ---- careplane-iam-break-glass-role -----------------------------------------------------------------
const ROLE = "aws:iam/role:Role";
const trust = breakGlassTrustPolicy({ partition: "aws", accountId: ACCOUNT, users: ["security-officer", "platform-lead"] });
const breakGlass = aws(ROLE, "break-glass", {
    name: "caresync-prod-break-glass",
    maxSessionDuration: 3600,
    assumeRolePolicy: JSON.stringify(trust),
});
const withTrust = (change: (s: any) => void) => {
    const t = structuredClone(trust) as any;
    change(t.Statement[0]);
    return patch([breakGlass], "break-glass", { assumeRolePolicy: JSON.stringify(t) });
};

specControl("careplane-iam-break-glass-role", {
    passes: [
        { it: "careplane's break-glass role (named users, fresh MFA, one-hour sessions)", fixtures: [breakGlass] },
        {
            it: "a role trusting named users by ARN as Principal, with MFA",
            fixtures: withTrust((s) => {
                s.Principal = { AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`] };
                delete s.Condition.ArnEquals;
            }),
        },
        {
            it: "a role of another name, which it does not judge",
            fixtures: patch([breakGlass], "break-glass", { name: "caresync-prod-operator", maxSessionDuration: 43200 }),
        },
    ],
    fails: [
        {
            it: "twelve-hour sessions",
            fixtures: patch([breakGlass], "break-glass", { maxSessionDuration: 43200 }),
            message: "its sessions last up to 43200 seconds",
        },
        {
            it: "an unset session length",
            fixtures: patch([breakGlass], "break-glass", { maxSessionDuration: undefined }),
            message: "maxSessionDuration of at most 3600",
        },
        {
            it: "no MFA",
            fixtures: withTrust((s) => delete s.Condition.Bool),
            message: "statement NamedPeopleWithRecentMfa does not require MFA",
        },
        {
            it: "MFA of any age",
            fixtures: withTrust((s) => delete s.Condition.NumericLessThan),
            message: "accepts an MFA sign-in of any age",
        },
        {
            it: "MFA up to a day old",
            fixtures: withTrust((s) => (s.Condition.NumericLessThan["aws:MultiFactorAuthAge"] = "86400")),
            message: "accepts an MFA sign-in of any age",
        },
        {
            it: "the whole account (no named people)",
            fixtures: withTrust((s) => delete s.Condition.ArnEquals),
            message: "lets every principal of the account assume it",
        },
        {
            it: "a wildcard among the people",
            fixtures: withTrust((s) => (s.Condition.ArnEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:user/*`])),
            message: `lets arn:aws:iam::${ACCOUNT}:user/* assume it`,
        },
        {
            it: "a person of another account",
            fixtures: withTrust((s) => s.Condition.ArnEquals["aws:PrincipalArn"].push("arn:aws:iam::999999999999:user/mallory")),
            message: "lets arn:aws:iam::999999999999:user/mallory assume it",
        },
        {
            it: "a federated principal",
            fixtures: withTrust((s) => (s.Principal = { Federated: "arn:aws:iam::123456789012:saml-provider/corp" })),
            message: 'trusts {"Federated":"arn:aws:iam::123456789012:saml-provider/corp"}',
        },
        {
            it: "web-identity assumption",
            fixtures: withTrust((s) => (s.Action = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"])),
            message: "allows sts:AssumeRole, sts:AssumeRoleWithWebIdentity",
        },
    ],
});

// ---- careplane-backup-vault-restore-break-glass -------------------------------------------------------
const VAULT = "aws:backup/vault:Vault";
const vault = aws(VAULT, "vault", { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/backups" });
const vaultPolicy = (policy: unknown) =>
    res(
        "aws:backup/vaultPolicy:VaultPolicy",
        "vault-policy",
        { backupVaultName: "vault", policy: JSON.stringify(policy) },
        { backupVaultName: vault },
    );
const careplanes = vaultAccessPolicy({
    backupRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`,
    breakGlassRoleArn: principals("prod").breakGlassRole,
});
const changed = (change: (restore: any) => void) => {
    const p = structuredClone(careplanes) as any;
    change(p.Statement.find((s: any) => s.Sid === "OnlyBreakGlassRestoresOrCopies"));
    return [vault, vaultPolicy(p)];
};

specControl("careplane-backup-vault-restore-break-glass", {
    passes: [
        { it: "careplane's vault policy (break-glass and the backup role restore and copy)", fixtures: [vault, vaultPolicy(careplanes)] },
    ],
    fails: [
        {
            it: "a vault without an access policy",
            fixtures: [vault],
            message: "vault (aws:backup/vault:Vault): the vault has no access policy",
        },
        {
            it: "a policy without the restore deny",
            fixtures: changed((s) => (s.Effect = "Allow")),
            message: "the access policy of vault vault leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "a deny of restore that leaves copy open",
            fixtures: changed((s) => (s.Action = ["backup:StartRestoreJob"])),
            message: "leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "an exemption by role-name pattern",
            fixtures: changed((s) => (s.Condition.ArnNotEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:role/*`])),
            message: "leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "an exemption that names no break-glass role",
            fixtures: changed((s) => (s.Condition.ArnNotEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:role/backup`])),
            message: "leaves restore and copy to anyone with IAM rights",
        },
        {
            it: "a deny that applies only without TLS",
            fixtures: changed((s) => (s.Condition.Bool = { "aws:SecureTransport": "false" })),
            message: "leaves restore and copy to anyone with IAM rights",
        },
    ],
});

// ---- careplane-s3-phi-allow-list -----------------------------------------------------------------------
const BUCKET = "aws:s3/bucket:Bucket";
const documents = aws(BUCKET, "documents", { bucket: "caresync-prod-documents" });
const DOCS = "arn:aws:s3:::caresync-prod-documents";
const bucketPolicy = (statements: object[], bucket = documents) =>
    res(
        "aws:s3/bucketPolicy:BucketPolicy",
        `${bucket.name}-policy`,
        { bucket: bucket.inputs.bucket, policy: doc(...statements) },
        { bucket },
    );
const careplaneAllowList = allowListStatements(DOCS, {
    dataPrincipals: [`arn:aws:iam::${ACCOUNT}:role/workloads-api`, principals("prod").breakGlassRole],
    managers: [principals("prod").deployRole, principals("prod").breakGlassRole],
    emptiers: [],
});
const tlsOnly = denyInsecureTransport(DOCS);
const editedAllowList = (sid: string, change: (s: any) => void) => {
    const statements = structuredClone(careplaneAllowList) as any[];
    change(statements.find((s) => s.Sid === sid));
    return [documents, bucketPolicy([tlsOnly, ...statements])];
};

specControl("careplane-s3-phi-allow-list", {
    passes: [
        {
            it: "careplane's documents bucket (applications, AWS Backup, break-glass; deployer and break-glass manage it)",
            fixtures: [documents, bucketPolicy([tlsOnly, ...careplaneAllowList])],
        },
        {
            it: "a confidential log bucket with the TLS rule alone",
            fixtures: [
                aws(BUCKET, "logs", { bucket: "logs" }, {}, "prod", "confidential"),
                bucketPolicy(
                    [denyInsecureTransport("arn:aws:s3:::logs")],
                    aws(BUCKET, "logs", { bucket: "logs" }, {}, "prod", "confidential"),
                ),
            ],
        },
    ],
    fails: [
        {
            it: "a PHI bucket with only the TLS rule (the documents and images buckets before)",
            fixtures: [documents, bucketPolicy([tlsOnly])],
            message:
                "documents (aws:s3/bucket:Bucket): its policy leaves s3:GetObject, s3:PutObject, s3:DeleteObjectVersion, s3:PutBucketPolicy to anyone whose IAM policy allows it",
        },
        {
            it: "a PHI bucket with no policy at all",
            fixtures: [documents],
            message: "its policy leaves s3:GetObject, s3:PutObject, s3:DeleteObjectVersion, s3:PutBucketPolicy",
        },
        {
            it: "an exemption by role-name pattern",
            fixtures: editedAllowList(
                "OnlyNamedPrincipalsReadOrWriteObjects",
                (s) => (s.Condition.ArnNotEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:role/*`]),
            ),
            message: "its policy leaves s3:GetObject, s3:PutObject to anyone",
        },
        {
            it: "a deny that holds only without TLS",
            fixtures: editedAllowList(
                "OnlyNamedPrincipalsListOrDeleteObjects",
                (s) => (s.Condition.Bool = { "aws:SecureTransport": "false" }),
            ),
            message: "its policy leaves s3:DeleteObjectVersion to anyone",
        },
        {
            it: "the bucket's policy left to IAM",
            fixtures: editedAllowList("OnlyTheDeployerAndBreakGlassChangeTheBucket", (s) => (s.Action = ["s3:DeleteBucket"])),
            message: "its policy leaves s3:PutBucketPolicy to anyone",
        },
    ],
});
