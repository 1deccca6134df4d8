import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { breakGlassSessionConditions, StackPrincipals, principalsOf } from "../access/stack-principals";
import { DataClassification, PlatformContext } from "../context";
import { pullThroughCacheRoleArn } from "../compute/ghcr";

/** One customer-managed key per class of data, so access to one class never implies another. */
export const keyClasses = ["data", "backups", "logs", "secrets", "cluster"] as const;
export type KeyClass = (typeof keyClasses)[number];

/** The AWS services that may use each key on the account's behalf (kms:ViaService). */
const servicesByClass: Record<KeyClass, string[]> = {
    data: ["rds", "elasticache", "s3", "elasticfilesystem", "ec2", "sns"],
    backups: ["backup", "s3", "rds"],
    // S3 serves the CloudTrail files and the audit archive this key encrypts; Firehose encrypts the
    // archive stream's buffer with it (the deployer creates Firehose's grant through Firehose).
    logs: ["logs", "s3", "firehose"],
    secrets: ["secretsmanager"],
    cluster: ["eks"],
};

/** What a service does with a key for its caller: the cryptographic operations, never administration. */
export const usageActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

/**
 * What IAM may grant any principal of the account: read the key and keep it as the program
 * declares it (rotation, description, tags, aliases), and undo a scheduled deletion. This is what
 * `pulumi up` and a refresh call on a key and its alias (terraform-provider-aws
 * internal/service/kms key.go and alias.go: DescribeKey, GetKeyPolicy, GetKeyRotationStatus,
 * ListResourceTags, EnableKeyRotation, UpdateKeyDescription, Tag/UntagResource,
 * Create/Update/DeleteAlias); `pulumi destroy` deletes the alias (kms:DeleteAlias, checked on the
 * alias and on the key) before it schedules the key's deletion. Named actions, never `kms:Create*`
 * or `kms:Put*`: those would include CreateGrant and PutKeyPolicy.
 */
export const accountKeyActions = [
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListResourceTags",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:EnableKeyRotation",
    "kms:UpdateKeyDescription",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:CreateAlias",
    "kms:UpdateAlias",
    "kms:DeleteAlias",
    "kms:CancelKeyDeletion",
];

/**
 * What only break-glass may do: each one lets its holder read what the key protects (a grant, a
 * rewritten policy) or destroy it (disable, revoke the grants services hold); enabling is here too,
 * so that a key break-glass disabled in an incident stays disabled. A grant that an integrated
 * service creates for its own resource (kms:GrantIsForAWSResource) stays with the services'
 * statements.
 */
export const breakGlassKeyActions = ["kms:PutKeyPolicy", "kms:CreateGrant", "kms:RevokeGrant", "kms:DisableKey", "kms:EnableKey"];

/**
 * Who may schedule a key's deletion. Prod: nobody (break-glass would first have to rewrite the
 * policy, a second alarmed step). A backups key where the environment protects its data: break-glass
 * alone. Elsewhere the deploy role too, so that CI can destroy a disposable stack.
 */
export type KeyDeleters = "nobody" | "break-glass" | "deployer-and-break-glass";

export function keyDeleters(ctx: PlatformContext, keyClass: KeyClass | "alarms" | "images" | "data-refresh"): KeyDeleters {
    if (ctx.isProd) return "nobody";
    if (keyClass === "backups" && ctx.deletionProtection) return "break-glass";
    return "deployer-and-break-glass";
}

export interface KeyAdministrationInput {
    accountId: string;
    partition: string;
    principals: StackPrincipals;
    deleters: KeyDeleters;
}

/**
 * The administration part of every careplane key policy. The account reads and maintains the key
 * through IAM; break-glass (with MFA, by `aws:PrincipalArn`) alone rewrites the policy, grants,
 * revokes and disables; the root user may rewrite the policy as the last resort; deletion as
 * `deleters` says. Explicit denies hold even if a later statement allowed more.
 *
 * KMS checks that the principal creating a key could later call PutKeyPolicy on it (the key
 * policy lockout safety check). The deploy role cannot, by design, so keys are created with
 * `bypassPolicyLockoutSafetyCheck`; the key stays manageable because break-glass and the root user
 * can, and they are named by ARN in a condition, so re-creating a deleted break-glass role under
 * its name restores that path (a Principal would have bound the deleted role's unique id).
 */
export function keyAdministration(p: KeyAdministrationInput): Record<string, unknown>[] {
    const root = `arn:${p.partition}:iam::${p.accountId}:root`;
    const { breakGlassRole, deployRole, rootUser } = p.principals;
    const deleters = p.deleters === "deployer-and-break-glass" ? [breakGlassRole, deployRole] : [breakGlassRole];
    const statements: Record<string, unknown>[] = [
        { Sid: "AccountReadsAndMaintainsKey", Effect: "Allow", Principal: { AWS: root }, Action: accountKeyActions, Resource: "*" },
        {
            Sid: "BreakGlassAdministersKey",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: p.deleters === "nobody" ? breakGlassKeyActions : [...breakGlassKeyActions, "kms:ScheduleKeyDeletion"],
            Resource: "*",
            Condition: { ArnEquals: { "aws:PrincipalArn": breakGlassRole }, ...breakGlassSessionConditions },
        },
        {
            Sid: "RootUserRecoversKeyPolicy",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:PutKeyPolicy",
            Resource: "*",
            Condition: { ArnEquals: { "aws:PrincipalArn": rootUser } },
        },
    ];
    if (p.deleters === "deployer-and-break-glass") {
        statements.push({
            Sid: "DeployRoleDestroysDisposableKey",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:ScheduleKeyDeletion",
            Resource: "*",
            Condition: { ArnEquals: { "aws:PrincipalArn": deployRole } },
        });
    }
    statements.push(
        {
            Sid: "NobodyElseRewritesTogglesOrRevokes",
            Effect: "Deny",
            Principal: "*",
            Action: ["kms:PutKeyPolicy", "kms:RevokeGrant", "kms:DisableKey", "kms:EnableKey", "kms:DisableKeyRotation"],
            Resource: "*",
            Condition: { ArnNotEquals: { "aws:PrincipalArn": [breakGlassRole, rootUser] } },
        },
        {
            Sid: "NobodyElseGrantsToPrincipals",
            Effect: "Deny",
            Principal: "*",
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: {
                ArnNotEquals: { "aws:PrincipalArn": breakGlassRole },
                BoolIfExists: { "kms:GrantIsForAWSResource": "false" },
            },
        },
        {
            Sid: "NobodyElseDeletesKey",
            Effect: "Deny",
            Principal: "*",
            Action: "kms:ScheduleKeyDeletion",
            Resource: "*",
            Condition: { ArnNotEquals: { "aws:PrincipalArn": deleters } },
        },
    );
    return statements;
}

/**
 * Named services use the key for an account's principals (root delegation: the caller's own IAM
 * policy must allow it too), and create grants only for their own resources (an EBS volume, an
 * RDS instance, a recovery point). Narrower where asked: fewer usage actions, or one principal
 * of the account (`aws:PrincipalArn`) rather than any its IAM allows.
 */
export function useThroughServices(p: {
    accountId: string;
    partition: string;
    region: string;
    services: string[];
    actions?: string[];
    principalArn?: string;
    sids?: { use: string; grant: string };
}) {
    const root = `arn:${p.partition}:iam::${p.accountId}:root`;
    const through = {
        "kms:CallerAccount": p.accountId,
        "kms:ViaService": p.services.map((s) => `${s}.${p.region}.amazonaws.com`),
    };
    const only = p.principalArn ? { ArnEquals: { "aws:PrincipalArn": p.principalArn } } : {};
    return [
        {
            Sid: p.sids?.use ?? "UseThroughNamedServicesOnly",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: p.actions ?? usageActions,
            Resource: "*",
            Condition: { ...only, StringEquals: through },
        },
        {
            Sid: p.sids?.grant ?? "NamedServicesGrantForTheirResources",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { ...only, StringEquals: through, Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ];
}

export interface KeyPolicyInput extends KeyAdministrationInput {
    keyClass: KeyClass;
    region: string;
    /** EKS nodes' volumes use the data key: Auto Scaling, which launches them, must be able to. */
    nodeVolumes?: boolean;
    /** The stack's CloudTrail trail, which the logs key encrypts (logs class only). */
    trailArn?: string;
    /** The stack's pull-through cache credential, which ECR reads and the secrets key encrypts (secrets class only). */
    pullThroughCacheCredential?: string;
}

/** The key policy document, as data: administration as above; only named services use the key. */
export function keyPolicyDocument(p: KeyPolicyInput) {
    const statements: Record<string, unknown>[] = [
        ...keyAdministration(p),
        ...useThroughServices({ ...p, services: servicesByClass[p.keyClass] }),
    ];
    if (p.keyClass === "data" && p.nodeVolumes) statements.push(...autoScalingUsesKeyForVolumes(p));
    if (p.keyClass === "logs") {
        statements.push({
            Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
            Effect: "Allow",
            Principal: { Service: `logs.${p.region}.amazonaws.com` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
                ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${p.partition}:logs:${p.region}:${p.accountId}:*` },
            },
        });
        if (p.trailArn) statements.push(...cloudTrailUsesKey({ ...p, trailArn: p.trailArn }));
    }
    if (p.keyClass === "secrets" && p.pullThroughCacheCredential) {
        statements.push(pullThroughCacheDecryptsCredential({ ...p, credentialName: p.pullThroughCacheCredential }));
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * What CloudTrail needs on the key of an encrypted trail, as AWS's "Configure AWS KMS key policies
 * for CloudTrail" lists it, each statement for this trail only (`aws:SourceArn`): GenerateDataKey*
 * for this account's trails' files; Decrypt, which creating or updating a trail requires when its
 * bucket uses an S3 Bucket Key (ours does); DescribeKey, which carries no encryption context, so
 * it must not be conditioned on one (else CreateTrail fails with InsufficientEncryptionPolicyException).
 */
export function cloudTrailUsesKey(p: { accountId: string; partition: string; trailArn: string }) {
    const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
    const thisTrail = { "aws:SourceArn": p.trailArn };
    return [
        {
            Sid: "CloudTrailEncryptsThisTrailsFiles",
            Effect: "Allow",
            Principal: cloudTrail,
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${p.partition}:cloudtrail:*:${p.accountId}:trail/*` },
                StringEquals: thisTrail,
            },
        },
        {
            Sid: "CloudTrailDecryptsThroughTheBucketKey",
            Effect: "Allow",
            Principal: cloudTrail,
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: thisTrail },
        },
        {
            Sid: "CloudTrailDescribesKey",
            Effect: "Allow",
            Principal: cloudTrail,
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { StringEquals: thisTrail },
        },
    ];
}

/**
 * ECR reads a pull-through cache rule's upstream credentials as its service-linked role, whose AWS-managed policy
 * allows secretsmanager:GetSecretValue on `ecr-pullthroughcache/*` and no KMS action ("Amazon ECR service-linked
 * role for pull through cache"): only the key policy can let it decrypt, through Secrets Manager, this stack's
 * stack's credential alone. The role is named in a condition, not as the Principal: AWS
 * creates it with the first rule, after this key, and KMS refuses a Principal that does not exist yet.
 */
export function pullThroughCacheDecryptsCredential(p: { accountId: string; partition: string; region: string; credentialName: string }) {
    return {
        Sid: "EcrPullThroughCacheReadsItsCredential",
        Effect: "Allow",
        Principal: "*",
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: {
            ArnEquals: { "aws:PrincipalArn": pullThroughCacheRoleArn(p) },
            StringEquals: { "kms:CallerAccount": p.accountId, "kms:ViaService": `secretsmanager.${p.region}.amazonaws.com` },
            // Secrets Manager appends `-` and six characters to a secret's ARN.
            StringLike: {
                "kms:EncryptionContext:SecretARN": `arn:${p.partition}:secretsmanager:${p.region}:${p.accountId}:secret:${p.credentialName}-??????`,
            },
        },
    };
}

/** The Auto Scaling service-linked role, which launches EKS managed nodes and encrypts their volumes. */
export function autoScalingServiceLinkedRoleArn(p: { accountId: string; partition: string }) {
    return `arn:${p.partition}:iam::${p.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * The node group's Auto Scaling group launches the EKS nodes, so its service-linked role encrypts
 * their volumes: it uses the key, and grants EC2 its use only for AWS resources ("Required AWS KMS
 * key policy for use with encrypted volumes", EC2 Auto Scaling User Guide). Its IAM policy is
 * AWS's and names no customer key, so only the key policy can let it in. KMS refuses a policy
 * naming a principal that does not exist yet (MalformedPolicyDocumentException), and this role
 * exists only once Auto Scaling has been used in the account: the data key depends on the
 * ServiceLinkedRole that the account's singleton-owning stack creates.
 */
function autoScalingUsesKeyForVolumes(p: Pick<KeyPolicyInput, "accountId" | "partition">) {
    const autoScaling = autoScalingServiceLinkedRoleArn(p);
    return [
        {
            Sid: "AutoScalingEncryptsNodeVolumes",
            Effect: "Allow",
            Principal: { AWS: autoScaling },
            Action: usageActions,
            Resource: "*",
        },
        {
            Sid: "AutoScalingGrantsNodeVolumesOnly",
            Effect: "Allow",
            Principal: { AWS: autoScaling },
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ];
}

/** What every key policy is written for: the account, and the principals that administer the stack. */
export interface KeyAccount {
    accountId: string;
    partition: string;
    principals: StackPrincipals;
}

export interface StackKeyArgs {
    context: PlatformContext;
    /** `alias/<app>-<env>-<alias>`; also names the key in its description. */
    alias: string;
    description: string;
    classification: DataClassification;
    /** The key policy, given the account and the stack's administering principals. */
    policy: (account: KeyAccount) => pulumi.Input<Record<string, unknown>>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    tags?: Record<string, string>;
}

/**
 * A customer-managed key as careplane makes every one of them: yearly rotation, a 30-day deletion
 * window, the policy given (created with the lockout check bypassed, see keyAdministration), an
 * alias, and `protect` in prod. Pass `provider` in opts for another region.
 */
export function stackKey(name: string, args: StackKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
    const ctx = args.context;
    const key = new aws.kms.Key(
        name,
        {
            description: `${ctx.name(args.alias)}: ${args.description}`,
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: 30,
            bypassPolicyLockoutSafetyCheck: true,
            policy: pulumi.all([args.accountId, args.partition]).apply(([accountId, partition]) => {
                const principals = principalsOf(ctx, partition, accountId);
                return pulumi.output(args.policy({ accountId, partition, principals })).apply((doc) => JSON.stringify(doc));
            }),
            tags: ctx.tags(args.classification, args.tags),
        },
        ctx.stateful(opts),
    );
    const aliasOpts = { parent: opts.parent, provider: opts.provider, aliases: opts.aliases };
    new aws.kms.Alias(name, { name: `alias/${ctx.name(args.alias)}`, targetKeyId: key.keyId }, aliasOpts);
    return key;
}

export interface EncryptionKeysArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** The stack's trail, when it has one: the logs key lets CloudTrail encrypt it. */
    trailArn?: pulumi.Input<string>;
    /**
     * What the data key's policy names besides the account and must exist first: the Auto Scaling
     * service-linked role (EKS stacks), when this stack creates it.
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
    /** EKS nodes' EBS volumes use the data key, through the Auto Scaling service-linked role. */
    nodeVolumes: boolean;
    /** The pull-through cache credential's name, when a service pulls from GHCR: ECR decrypts it with the secrets key. */
    pullThroughCacheCredential?: string;
}

/** The stack's KMS keys, one per data class, with yearly rotation and a 30-day deletion window. */
export class EncryptionKeys extends pulumi.ComponentResource {
    readonly keys: Record<KeyClass, aws.kms.Key>;

    constructor(name: string, args: EncryptionKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:security:EncryptionKeys", name, {}, opts);
        const ctx = args.context;
        const { nodeVolumes } = args;
        const entries = keyClasses.map((keyClass) => {
            const key = stackKey(
                `${name}-${keyClass}`,
                {
                    context: ctx,
                    alias: keyClass,
                    description: `encrypts ${keyClass}`,
                    classification: keyClass === "data" || keyClass === "backups" ? "phi" : "confidential",
                    accountId: args.accountId,
                    partition: args.partition,
                    tags: { KeyClass: keyClass },
                    policy: (account) =>
                        pulumi.output(args.trailArn).apply((trailArn) =>
                            keyPolicyDocument({
                                ...account,
                                keyClass,
                                region: ctx.region,
                                deleters: keyDeleters(ctx, keyClass),
                                nodeVolumes,
                                trailArn: keyClass === "logs" ? trailArn : undefined,
                                pullThroughCacheCredential: args.pullThroughCacheCredential,
                            }),
                        ),
                },
                { parent: this, dependsOn: keyClass === "data" && nodeVolumes ? args.dependsOn : undefined },
            );
            return [keyClass, key] as const;
        });
        this.keys = Object.fromEntries(entries) as Record<KeyClass, aws.kms.Key>;
        this.registerOutputs({ keyArns: Object.fromEntries(entries.map(([c, k]) => [c, k.arn])) });
    }
}
