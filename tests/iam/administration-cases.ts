// The access table's cases for who administers what: the keys (grants, policies, deletion), the
// break-glass role and its trust, and the allow-lists of the resource policies (PHI buckets,
// secrets, vaults, VPC endpoints). Each principal is the one AWS would see: the deploy and
// break-glass roles by the ARN their name gives them, people by their IAM user ARN.
import { ACCOUNT, OTHER_ACCOUNT, PolicyDocument, StackPolicies } from "./policies";
import {
    admin,
    allowAll,
    bucketObject,
    Case,
    key,
    outsider,
    Principal,
    recoveryPoint,
    REGION,
    role,
    roleWithEverything,
    secret,
    secretResource,
    service,
    Stack,
    Target,
    tls,
    trustOf,
    via,
} from "./cases";

const stackRole = (s: StackPolicies, suffix: string) => `arn:aws:iam::${ACCOUNT}:role/caresync-${s.environment}-${suffix}`;

// ---- principals ---------------------------------------------------------------------------------
/** The role CI deploys with: broad IAM rights, so only the resource policies can stop it. */
const deployRole = (s: StackPolicies): Principal => ({ principal: stackRole(s, "ci-deploy"), identityPolicies: [allowAll("deploy")] });
/** The read-only role CI refreshes with, as far as secrets go (it reads SecretVersion values). */
const driftRole = (s: StackPolicies): Principal => ({ principal: stackRole(s, "ci-drift"), identityPolicies: [allowAll("drift")] });
/** The account's root user. */
const rootUser = (): Principal => ({ principal: `arn:aws:iam::${ACCOUNT}:root`, identityPolicies: [allowAll("root")] });
/** The break-glass role as the plan writes it (its physical name is its ARN). */
const breakGlass = role("break-glass");
/** AWS Backup's role with what its AWS managed policies stand for (not in the plan). */
const backupRole = roleWithEverything("backup");
/** The Auto Scaling service-linked role: its own IAM policy names no customer key. */
const autoScaling = (): Principal => ({
    principal: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    identityPolicies: [],
});
/** An IAM user of the account who may assume roles. */
const person = (name: string) => (): Principal => ({
    principal: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    identityPolicies: [
        { name: "assume", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } },
    ],
});
/** A pod's role that a mistake gave every permission, inside the VPC. */
const podWithEverything = roleWithEverything("workloads-api");
/** ECR's service account, presigning the layer URL a node downloads (its account is AWS's). */
const ecrService = (): Principal => ({ principal: "arn:aws:iam::123456789000:root", identityPolicies: [allowAll("ecr")] });

// ---- contexts -----------------------------------------------------------------------------------
/** A session opened with MFA `ageSeconds` ago. */
const mfaSession =
    (ageSeconds = 300) =>
    () => ({ "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": String(ageSeconds) });
const noMfa = () => ({ "aws:MultiFactorAuthPresent": "false" });
/** Assuming a role with MFA, under `sessionName`, as IAM user `username`. */
const assumeAs =
    (username: string, sessionName = username, ageSeconds = 60) =>
    () => ({
        ...mfaSession(ageSeconds)(),
        "aws:username": username,
        "sts:RoleSessionName": sessionName,
    });
const thisTrail = (s: StackPolicies) => ({ "aws:SourceArn": `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${s.trailNames[0]}` });
const anotherTrail = () => ({ "aws:SourceArn": `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/someone-elses-trail` });
const grantForAwsResource = (svc: string) => () => ({ ...via(svc)(), "kms:GrantIsForAWSResource": "true" });
const secure = tls(true);

// ---- resources ----------------------------------------------------------------------------------
const keyNamed =
    (name: string) =>
    (s: StackPolicies): Target => {
        const k = s.keyPolicies.get(name);
        if (!k) throw new Error(`the ${s.environment} plan has no key ${name}`);
        return { arn: k.target, policy: k.policy };
    };
const document = bucketObject("storage-documents", "patients/1.pdf");
const bucketItself =
    (name: string) =>
    (s: StackPolicies): Target => {
        const b = s.bucketPolicies.get(name)!;
        return { arn: b.target, policy: b.policy };
    };
const documentsBucket = bucketItself("storage-documents");
/** A request through one of the stack's VPC endpoints. */
const through =
    (endpoint: string, target: (s: StackPolicies) => Target) =>
    (s: StackPolicies): Target => {
        const e = s.endpointPolicies.get(endpoint);
        if (!e) throw new Error(`the ${s.environment} plan has no policy on endpoint ${endpoint}`);
        return { ...target(s), endpointPolicy: e.policy as PolicyDocument };
    };
/** An attacker's resource, opened by its own policy to anyone who writes to it. */
const openTo = (actions: string[]): PolicyDocument => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: actions, Resource: "*" }],
});
const foreignBucketObject = (): Target => ({
    arn: "arn:aws:s3:::attacker-exfil/dump.csv",
    account: OTHER_ACCOUNT,
    policy: openTo(["s3:PutObject"]),
});
const foreignRepository = (): Target => ({
    arn: `arn:aws:ecr:${REGION}:${OTHER_ACCOUNT}:repository/loot`,
    account: OTHER_ACCOUNT,
    policy: openTo(["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart"]),
});
/** An EKS add-on image repository of AWS's regional registry, whose repository policy lets every account pull. */
const eksAddonRepository = (): Target => ({
    arn: `arn:aws:ecr:${REGION}:602401143452:repository/eks/coredns`,
    account: "602401143452",
    policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "*" }],
    },
});
const ecrLayer = (): Target => ({ arn: `arn:aws:s3:::prod-${REGION}-starport-layer-bucket/layer`, account: "123456789000" });
const amazonLinuxRepo = (): Target => ({ arn: `arn:aws:s3:::al2023-repos-${REGION}-de612dc2/core/mirrors`, account: "123456789000" });
const foreignSecret = (): Target => ({
    arn: `arn:aws:secretsmanager:${REGION}:${OTHER_ACCOUNT}:secret:drop-AbC123`,
    account: OTHER_ACCOUNT,
});

const DISPOSABLE: readonly Stack[] = ["dev", "test"];
const READ = "secretsmanager:GetSecretValue";

/** One case per key class, for the rules that hold on every key. */
const onEveryKey = (c: Omit<Case, "on" | "says"> & { says: (keyClass: string) => string }): Case[] =>
    ["data", "backups", "logs", "secrets", "cluster"].map((k) => ({ ...c, says: c.says(k), on: key(k) }));

export const administrationCases: Case[] = [
    // Keys: the account reads and maintains them; grants, policies, disabling and revoking are break-glass's.
    ...onEveryKey({
        says: (k) => `an administrator cannot grant itself the ${k} key`,
        who: admin,
        action: "kms:CreateGrant",
        expect: "explicit deny",
    }),
    ...onEveryKey({
        says: (k) => `an administrator cannot rewrite the ${k} key's policy`,
        who: admin,
        action: "kms:PutKeyPolicy",
        expect: "explicit deny",
    }),
    ...onEveryKey({
        says: (k) => `the deploy role cannot rewrite the ${k} key's policy`,
        who: deployRole,
        action: "kms:PutKeyPolicy",
        expect: "explicit deny",
    }),
    ...onEveryKey({
        says: (k) => `break-glass with MFA rewrites the ${k} key's policy`,
        who: breakGlass,
        action: "kms:PutKeyPolicy",
        context: mfaSession(),
        expect: "allow",
    }),
    ...onEveryKey({
        says: (k) => `the root user can still rewrite the ${k} key's policy (no lockout)`,
        who: rootUser,
        action: "kms:PutKeyPolicy",
        expect: "allow",
    }),
    ...onEveryKey({
        says: (k) => `destroy: the deploy role deletes the ${k} key's alias`,
        who: deployRole,
        action: "kms:DeleteAlias",
        expect: "allow",
    }),
    {
        says: "an administrator cannot disable the data key",
        who: admin,
        action: "kms:DisableKey",
        on: key("data"),
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot revoke the backups key's grants",
        who: admin,
        action: "kms:RevokeGrant",
        on: key("backups"),
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot turn off the backups key's rotation",
        who: admin,
        action: "kms:DisableKeyRotation",
        on: key("backups"),
        expect: "explicit deny",
    },
    { says: "an administrator reads the data key's settings", who: admin, action: "kms:DescribeKey", on: key("data"), expect: "allow" },
    { says: "an administrator keeps the data key rotating", who: admin, action: "kms:EnableKeyRotation", on: key("data"), expect: "allow" },
    {
        says: "an administrator can cancel a key's scheduled deletion",
        who: admin,
        action: "kms:CancelKeyDeletion",
        on: key("backups"),
        expect: "allow",
    },
    {
        says: "break-glass with MFA grants the data key",
        who: breakGlass,
        action: "kms:CreateGrant",
        on: key("data"),
        context: mfaSession(),
        expect: "allow",
    },
    {
        says: "break-glass without MFA cannot grant the data key",
        who: breakGlass,
        action: "kms:CreateGrant",
        on: key("data"),
        context: noMfa,
        expect: "deny",
    },
    {
        says: "break-glass whose MFA is over an hour old cannot rewrite the backups key's policy",
        who: breakGlass,
        action: "kms:PutKeyPolicy",
        on: key("backups"),
        context: mfaSession(2 * 3600),
        expect: "deny",
    },
    {
        says: "RDS creates a grant on the data key for its own instance",
        who: roleWithEverything("database-monitoring"),
        action: "kms:CreateGrant",
        on: key("data"),
        context: grantForAwsResource("rds"),
        expect: "allow",
    },
    {
        says: "AWS Backup creates a grant on the backups key for a recovery point",
        who: backupRole,
        action: "kms:CreateGrant",
        on: key("backups"),
        context: grantForAwsResource("backup"),
        expect: "allow",
    },
    {
        says: "a pod role with every permission cannot create a grant through S3 for itself",
        who: podWithEverything,
        action: "kms:CreateGrant",
        on: key("data"),
        context: via("s3"),
        expect: "explicit deny",
    },

    // Key deletion: prod nobody; backups keys of protected environments break-glass alone; disposable stacks the deploy role too.
    ...onEveryKey({
        says: (k) => `destroy: the deploy role schedules the disposable ${k} key's deletion`,
        who: deployRole,
        action: "kms:ScheduleKeyDeletion",
        expect: "allow",
        stacks: DISPOSABLE,
    }),
    ...onEveryKey({
        says: (k) => `nobody, the deploy role included, schedules the prod ${k} key's deletion`,
        who: deployRole,
        action: "kms:ScheduleKeyDeletion",
        expect: "explicit deny",
        stacks: ["prod"],
    }),
    ...onEveryKey({
        says: (k) => `not even break-glass schedules the prod ${k} key's deletion without first rewriting its policy`,
        who: breakGlass,
        action: "kms:ScheduleKeyDeletion",
        context: mfaSession(),
        expect: "deny",
        stacks: ["prod"],
    }),
    ...onEveryKey({
        says: (k) => `an administrator cannot schedule the ${k} key's deletion`,
        who: admin,
        action: "kms:ScheduleKeyDeletion",
        expect: "explicit deny",
    }),
    {
        says: "the deploy role cannot schedule the staging backups key's deletion",
        who: deployRole,
        action: "kms:ScheduleKeyDeletion",
        on: key("backups"),
        expect: "explicit deny",
        stacks: ["staging"],
    },
    {
        says: "break-glass with MFA schedules the staging backups key's deletion",
        who: breakGlass,
        action: "kms:ScheduleKeyDeletion",
        on: key("backups"),
        context: mfaSession(),
        expect: "allow",
        stacks: ["staging"],
    },
    {
        says: "the deploy role schedules the staging data key's deletion",
        who: deployRole,
        action: "kms:ScheduleKeyDeletion",
        on: key("data"),
        expect: "allow",
        stacks: ["staging"],
    },
    {
        says: "nobody deletes the prod DR backups key",
        who: deployRole,
        action: "kms:ScheduleKeyDeletion",
        on: keyNamed("dr-backups"),
        expect: "explicit deny",
        stacks: ["prod"],
    },
    {
        says: "an administrator cannot grant itself the prod DR backups key",
        who: admin,
        action: "kms:CreateGrant",
        on: keyNamed("dr-backups"),
        expect: "explicit deny",
        stacks: ["prod"],
    },
    {
        says: "an administrator cannot rewrite the alarm key's policy",
        who: admin,
        action: "kms:PutKeyPolicy",
        on: keyNamed("alarms-key"),
        expect: "explicit deny",
    },

    // CloudTrail on the logs key (AWS: "Configure AWS KMS key policies for CloudTrail").
    {
        says: "CloudTrail describes the logs key for this trail",
        who: service("cloudtrail.amazonaws.com"),
        action: "kms:DescribeKey",
        on: key("logs"),
        context: thisTrail,
        expect: "allow",
    },
    {
        says: "CloudTrail decrypts with the logs key for this trail (S3 Bucket Key)",
        who: service("cloudtrail.amazonaws.com"),
        action: "kms:Decrypt",
        on: key("logs"),
        context: thisTrail,
        expect: "allow",
    },
    {
        says: "CloudTrail cannot describe the logs key for another trail",
        who: service("cloudtrail.amazonaws.com"),
        action: "kms:DescribeKey",
        on: key("logs"),
        context: anotherTrail,
        expect: "deny",
    },
    {
        says: "CloudTrail cannot decrypt with the logs key for another trail",
        who: service("cloudtrail.amazonaws.com"),
        action: "kms:Decrypt",
        on: key("logs"),
        context: anotherTrail,
        expect: "deny",
    },
    {
        says: "CloudTrail generates no data key without its trail's encryption context",
        who: service("cloudtrail.amazonaws.com"),
        action: "kms:GenerateDataKey",
        on: key("logs"),
        context: thisTrail,
        expect: "deny",
    },
    {
        says: "CloudTrail cannot use the data key",
        who: service("cloudtrail.amazonaws.com"),
        action: "kms:Decrypt",
        on: key("data"),
        context: thisTrail,
        expect: "deny",
    },

    // Auto Scaling launches the EKS nodes with volumes encrypted by the data key.
    {
        says: "Auto Scaling encrypts node volumes with the data key",
        who: autoScaling,
        action: "kms:GenerateDataKeyWithoutPlaintext",
        on: key("data"),
        expect: "allow",
    },
    {
        says: "Auto Scaling decrypts node volumes with the data key",
        who: autoScaling,
        action: "kms:Decrypt",
        on: key("data"),
        expect: "allow",
    },
    {
        says: "Auto Scaling grants EC2 the data key for a volume",
        who: autoScaling,
        action: "kms:CreateGrant",
        on: key("data"),
        context: () => ({ "kms:GrantIsForAWSResource": "true" }),
        expect: "allow",
    },
    {
        says: "Auto Scaling cannot grant the data key to a principal",
        who: autoScaling,
        action: "kms:CreateGrant",
        on: key("data"),
        expect: "explicit deny",
    },
    { says: "Auto Scaling cannot use the backups key", who: autoScaling, action: "kms:Decrypt", on: key("backups"), expect: "deny" },

    // Who assumes break-glass: the named people, with MFA less than an hour old, under their own name.
    {
        says: "a named break-glass holder assumes it with fresh MFA",
        who: person("security-officer"),
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        context: assumeAs("security-officer"),
        expect: "allow",
    },
    {
        says: "a named holder cannot assume break-glass without MFA",
        who: person("security-officer"),
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        context: () => ({ ...noMfa(), "aws:username": "security-officer", "sts:RoleSessionName": "security-officer" }),
        expect: "deny",
    },
    {
        says: "a named holder cannot assume break-glass on an MFA sign-in two hours old",
        who: person("platform-lead"),
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        context: assumeAs("platform-lead", "platform-lead", 2 * 3600),
        expect: "deny",
    },
    {
        says: "a named holder cannot hide behind another session name",
        who: person("platform-lead"),
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        context: assumeAs("platform-lead", "automation"),
        expect: "deny",
    },
    {
        says: "an IAM user not named cannot assume break-glass, even with MFA",
        who: person("intern"),
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        context: assumeAs("intern"),
        expect: "deny",
    },
    {
        says: "an administrator role cannot assume break-glass",
        who: admin,
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        context: mfaSession(),
        expect: "deny",
    },
    {
        says: "the deploy role cannot assume break-glass",
        who: deployRole,
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        expect: "deny",
    },
    {
        says: "another account cannot assume break-glass",
        who: outsider,
        action: "sts:AssumeRole",
        on: trustOf("break-glass"),
        context: assumeAs("security-officer"),
        expect: "deny",
    },

    // PHI buckets: the applications, AWS Backup and break-glass reach the content; the deployer and break-glass change the bucket.
    {
        says: "the api, once granted S3, reads a document",
        who: podWithEverything,
        action: "s3:GetObject",
        on: document,
        context: secure,
        expect: "allow",
    },
    {
        says: "AWS Backup reads a document to back it up",
        who: backupRole,
        action: "s3:GetObject",
        on: document,
        context: secure,
        expect: "allow",
    },
    {
        says: "AWS Backup writes a document back on restore",
        who: backupRole,
        action: "s3:PutObject",
        on: document,
        context: secure,
        expect: "allow",
    },
    {
        says: "break-glass with MFA reads a document",
        who: breakGlass,
        action: "s3:GetObject",
        on: document,
        context: () => ({ ...secure(), ...mfaSession()() }),
        expect: "allow",
    },
    {
        says: "break-glass without MFA cannot read a document",
        who: breakGlass,
        action: "s3:GetObject",
        on: document,
        context: () => ({ ...secure(), ...noMfa() }),
        expect: "deny",
    },
    {
        says: "an administrator cannot read a document",
        who: admin,
        action: "s3:GetObject",
        on: document,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot list the documents",
        who: admin,
        action: "s3:ListBucket",
        on: documentsBucket,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "the EKS nodes, given everything, cannot read a document",
        who: roleWithEverything("eks-nodes"),
        action: "s3:GetObject",
        on: document,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "analytics, given everything, cannot read a document",
        who: roleWithEverything("analytics"),
        action: "s3:GetObject",
        on: document,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "the deploy role cannot read a document",
        who: deployRole,
        action: "s3:GetObject",
        on: document,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "the deploy role updates the documents bucket's policy",
        who: deployRole,
        action: "s3:PutBucketPolicy",
        on: documentsBucket,
        context: secure,
        expect: "allow",
    },
    {
        says: "the deploy role reads the documents bucket's settings",
        who: deployRole,
        action: "s3:GetBucketVersioning",
        on: documentsBucket,
        context: secure,
        expect: "allow",
    },
    {
        says: "an administrator cannot replace the documents bucket's policy",
        who: admin,
        action: "s3:PutBucketPolicy",
        on: documentsBucket,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot suspend the documents bucket's versioning",
        who: admin,
        action: "s3:PutBucketVersioning",
        on: documentsBucket,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot replicate the documents elsewhere",
        who: admin,
        action: "s3:PutReplicationConfiguration",
        on: documentsBucket,
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "destroy: the deploy role empties a disposable documents bucket",
        who: deployRole,
        action: "s3:DeleteObjectVersion",
        on: document,
        context: secure,
        expect: "allow",
        stacks: DISPOSABLE,
    },
    {
        says: "destroy: the deploy role lists a disposable bucket's versions",
        who: deployRole,
        action: "s3:ListBucketVersions",
        on: documentsBucket,
        context: secure,
        expect: "allow",
        stacks: DISPOSABLE,
    },
    {
        says: "destroy: the deploy role deletes a disposable backup version past its GOVERNANCE lock",
        who: deployRole,
        action: "s3:DeleteObjectVersion",
        on: bucketObject("storage-backups"),
        context: secure,
        expect: "allow",
        stacks: DISPOSABLE,
    },
    {
        says: "destroy: the deploy role bypasses a disposable backup's GOVERNANCE retention",
        who: deployRole,
        action: "s3:BypassGovernanceRetention",
        on: bucketObject("storage-backups"),
        context: secure,
        expect: "allow",
        stacks: DISPOSABLE,
    },
    {
        says: "destroy: the deploy role lists a disposable backup bucket's versions",
        who: deployRole,
        action: "s3:ListBucketVersions",
        on: bucketItself("storage-backups"),
        context: secure,
        expect: "allow",
        stacks: DISPOSABLE,
    },
    {
        says: "the deploy role cannot delete a protected environment's backup versions",
        who: deployRole,
        action: "s3:DeleteObjectVersion",
        on: bucketObject("storage-backups"),
        context: secure,
        expect: "explicit deny",
        stacks: ["staging", "prod"],
    },
    {
        says: "the deploy role cannot bypass a protected environment's backup retention",
        who: deployRole,
        action: "s3:BypassGovernanceRetention",
        on: bucketObject("storage-backups"),
        context: secure,
        expect: "explicit deny",
        stacks: ["staging", "prod"],
    },
    {
        says: "the deploy role never rewrites (shortens) a backup's retention, even where it empties the bucket",
        who: deployRole,
        action: "s3:PutObjectRetention",
        on: bucketObject("storage-backups"),
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "the deploy role cannot delete a protected environment's documents",
        who: deployRole,
        action: "s3:DeleteObjectVersion",
        on: document,
        context: secure,
        expect: "explicit deny",
        stacks: ["staging", "prod"],
    },
    {
        says: "break-glass with MFA reads a backup",
        who: breakGlass,
        action: "s3:GetObject",
        on: bucketObject("storage-backups"),
        context: () => ({ ...secure(), ...mfaSession()() }),
        expect: "allow",
    },
    {
        says: "replication reads the backup versions it copies",
        who: role("storage-backups-dr"),
        action: "s3:GetObjectVersionForReplication",
        on: bucketObject("storage-backups"),
        context: secure,
        expect: "allow",
        stacks: ["prod"],
    },
    {
        says: "replication writes the DR copies",
        who: role("storage-backups-dr"),
        action: "s3:ReplicateObject",
        on: bucketObject("storage-backups-dr"),
        context: secure,
        expect: "allow",
        stacks: ["prod"],
    },
    {
        says: "the api, given everything, cannot read the DR copy",
        who: podWithEverything,
        action: "s3:GetObject",
        on: bucketObject("storage-backups-dr"),
        context: secure,
        expect: "explicit deny",
        stacks: ["prod"],
    },
    {
        says: "AWS Backup's role cannot read the backup bucket (not its to read)",
        who: backupRole,
        action: "s3:GetObject",
        on: bucketObject("storage-backups"),
        context: secure,
        expect: "explicit deny",
    },
    {
        says: "break-glass with MFA reads the load balancers' access logs (URLs can hold PHI)",
        who: breakGlass,
        action: "s3:GetObject",
        on: (s) => bucketObject("storage-access-logs", `alb/AWSLogs/${ACCOUNT}/elasticloadbalancing/x.log.gz`)(s),
        context: () => ({ ...secure(), ...mfaSession()() }),
        expect: "allow",
    },
    // Log buckets keep their writers.
    {
        says: "load balancers still deliver their access logs",
        who: () => ({ principal: "arn:aws:iam::127311923021:root", identityPolicies: [allowAll("elb")] }),
        action: "s3:PutObject",
        on: (s) => bucketObject("storage-access-logs", `alb/AWSLogs/${ACCOUNT}/elasticloadbalancing/x.log.gz`)(s),
        context: secure,
        expect: "allow",
    },
    {
        says: "CloudTrail still writes this trail's files",
        who: service("cloudtrail.amazonaws.com"),
        action: "s3:PutObject",
        on: (s) => bucketObject("audit-trail", `AWSLogs/${ACCOUNT}/CloudTrail/x.json.gz`)(s),
        context: (s) => ({ ...secure(), ...thisTrail(s), "s3:x-amz-acl": "bucket-owner-full-control" }),
        expect: "allow",
    },

    // Secrets: their readers, Pulumi's roles and break-glass read; only the deployer and break-glass write.
    { says: "an administrator cannot read the database entry", who: admin, action: READ, on: secret("api/database"), expect: "explicit deny" },
    {
        says: "an administrator cannot overwrite the database entry",
        who: admin,
        action: "secretsmanager:PutSecretValue",
        on: secret("api/database"),
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot remove the entry's resource policy",
        who: admin,
        action: "secretsmanager:DeleteResourcePolicy",
        on: secret("api/database"),
        expect: "explicit deny",
    },
    {
        says: "the web role, given everything, cannot read the jwt",
        who: roleWithEverything("workloads-web"),
        action: READ,
        on: secret("jwt"),
        expect: "explicit deny",
    },
    {
        says: "the api, given everything, cannot read the monitoring login",
        who: podWithEverything,
        action: READ,
        on: secretResource("secrets-database-monitoring"),
        expect: "explicit deny",
    },
    {
        says: "the api, given everything, cannot overwrite its own database entry",
        who: podWithEverything,
        action: "secretsmanager:PutSecretValue",
        on: secret("api/database"),
        expect: "explicit deny",
    },
    {
        says: "postgres_exporter's reader, given everything, cannot read the app's login",
        who: roleWithEverything("monitoring-postgres-exporter-reader"),
        action: READ,
        on: secret("api/database"),
        expect: "explicit deny",
    },
    {
        says: "the deploy role writes the database entry",
        who: deployRole,
        action: "secretsmanager:PutSecretValue",
        on: secret("api/database"),
        expect: "allow",
    },
    { says: "the deploy role reads the database entry on refresh", who: deployRole, action: READ, on: secret("api/database"), expect: "allow" },
    { says: "the drift role reads the database entry on refresh", who: driftRole, action: READ, on: secret("api/database"), expect: "allow" },
    {
        says: "the drift role cannot write the database entry",
        who: driftRole,
        action: "secretsmanager:PutSecretValue",
        on: secret("api/database"),
        expect: "explicit deny",
    },
    {
        says: "break-glass with MFA reads the database entry",
        who: breakGlass,
        action: READ,
        on: secret("api/database"),
        context: mfaSession(),
        expect: "allow",
    },
    {
        says: "break-glass with MFA stores an issued SMTP credential",
        who: breakGlass,
        action: "secretsmanager:PutSecretValue",
        on: secret("smtp"),
        context: mfaSession(),
        expect: "allow",
    },

    // Vaults: restore and copy are break-glass's (and AWS Backup's own, for the plan's copies and restore tests).
    {
        says: "an administrator cannot restore a recovery point",
        who: admin,
        action: "backup:StartRestoreJob",
        on: recoveryPoint(),
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot copy a recovery point out",
        who: admin,
        action: "backup:StartCopyJob",
        on: recoveryPoint(),
        expect: "explicit deny",
    },
    {
        says: "the api, given everything, cannot restore a recovery point",
        who: podWithEverything,
        action: "backup:StartRestoreJob",
        on: recoveryPoint(),
        expect: "explicit deny",
    },
    {
        says: "break-glass with MFA restores a recovery point",
        who: breakGlass,
        action: "backup:StartRestoreJob",
        on: recoveryPoint(),
        context: mfaSession(),
        expect: "allow",
    },
    {
        says: "break-glass without MFA cannot restore",
        who: breakGlass,
        action: "backup:StartRestoreJob",
        on: recoveryPoint(),
        context: noMfa,
        expect: "deny",
    },
    {
        says: "AWS Backup's role copies recovery points (the plan's copy actions)",
        who: backupRole,
        action: "backup:StartCopyJob",
        on: recoveryPoint(),
        expect: "allow",
    },
    {
        says: "an administrator cannot restore from the DR vault",
        who: admin,
        action: "backup:StartRestoreJob",
        on: recoveryPoint("backup-dr"),
        expect: "explicit deny",
        stacks: ["prod"],
    },

    // VPC endpoints: this account's principals and resources, plus what the nodes must pull. The
    // attacker's resources are open to anyone: without the endpoint policy the writes would pass.
    {
        says: "(baseline) without the endpoint, a pod with every permission could write to the attacker's open bucket",
        who: podWithEverything,
        action: "s3:PutObject",
        on: foreignBucketObject,
        context: secure,
        expect: "allow",
    },
    {
        says: "(baseline) without the endpoint, a pod could push to the attacker's open repository",
        who: podWithEverything,
        action: "ecr:PutImage",
        on: foreignRepository,
        expect: "allow",
    },
    {
        says: "a pod with every permission cannot write to another account's bucket through the S3 endpoint",
        who: podWithEverything,
        action: "s3:PutObject",
        on: through("network-s3", foreignBucketObject),
        context: secure,
        expect: "deny",
    },
    {
        says: "a pod using another account's credentials cannot write there through the S3 endpoint",
        who: outsider,
        action: "s3:PutObject",
        on: through("network-s3", foreignBucketObject),
        context: secure,
        expect: "deny",
    },
    {
        says: "the api writes a document through the S3 endpoint",
        who: podWithEverything,
        action: "s3:PutObject",
        on: through("network-s3", document),
        context: secure,
        expect: "allow",
    },
    {
        says: "a node downloads an ECR image layer through the S3 endpoint",
        who: ecrService,
        action: "s3:GetObject",
        on: through("network-s3", ecrLayer),
        context: secure,
        expect: "allow",
    },
    {
        says: "a node cannot reach the Amazon Linux repositories through the S3 endpoint",
        who: roleWithEverything("eks-nodes"),
        action: "s3:GetObject",
        on: through("network-s3", amazonLinuxRepo),
        context: secure,
        expect: "deny",
    },
    {
        says: "a node pulls an EKS add-on image from AWS's registry",
        who: roleWithEverything("eks-nodes"),
        action: "ecr:BatchGetImage",
        on: through("network-ecr-dkr", eksAddonRepository),
        expect: "allow",
    },
    {
        says: "a pod cannot push an image to another account's repository",
        who: podWithEverything,
        action: "ecr:PutImage",
        on: through("network-ecr-api", foreignRepository),
        expect: "deny",
    },
    {
        says: "the api reads its secret through the Secrets Manager endpoint",
        who: role("workloads-api"),
        action: READ,
        on: through("network-secretsmanager", secret("api/database")),
        expect: "allow",
    },
    {
        says: "a pod cannot store data in another account's secret through the endpoint",
        who: podWithEverything,
        action: "secretsmanager:PutSecretValue",
        on: through("network-secretsmanager", foreignSecret),
        expect: "deny",
    },
];
