import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";

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

export const usageActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"];

const administrationActions = [
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:CancelKeyDeletion",
];

export interface KeyPolicyInput {
    keyClass: KeyClass;
    accountId: string;
    partition: string;
    region: string;
    /** Prod keys cannot be scheduled for deletion by anyone in the account. */
    allowDeletion: boolean;
    /** EKS nodes' volumes use the data key: Auto Scaling, which launches them, must be able to. */
    nodeVolumes?: boolean;
}

/** The account administers a key; only outside prod (`allowDeletion`) may it schedule its deletion. */
export function accountAdministersKey(p: Pick<KeyPolicyInput, "accountId" | "partition" | "allowDeletion">) {
    return {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${p.partition}:iam::${p.accountId}:root` },
        Action: p.allowDeletion ? [...administrationActions, "kms:ScheduleKeyDeletion"] : administrationActions,
        Resource: "*",
    };
}

/** The key policy document, as data: the account administers the key; only named services use it. */
export function keyPolicyDocument(p: KeyPolicyInput) {
    const root = `arn:${p.partition}:iam::${p.accountId}:root`;
    const statements: Record<string, unknown>[] = [
        accountAdministersKey(p),
        {
            Sid: "UseThroughNamedServicesOnly",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: usageActions,
            Resource: "*",
            Condition: {
                StringEquals: {
                    "kms:CallerAccount": p.accountId,
                    "kms:ViaService": servicesByClass[p.keyClass].map((s) => `${s}.${p.region}.amazonaws.com`),
                },
            },
        },
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
    }
    if (p.keyClass === "logs") {
        statements.push({
            Sid: "CloudTrailEncryptsThisAccountsTrails",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
            Condition: {
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${p.partition}:cloudtrail:*:${p.accountId}:trail/*` },
            },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * The node group's Auto Scaling group launches the EKS nodes, so its service-linked role encrypts
 * their volumes: it uses the key, and grants EC2 its use only for AWS resources. The role exists in
 * every account that has run Auto Scaling (EKS managed node groups create it).
 */
function autoScalingUsesKeyForVolumes(p: Pick<KeyPolicyInput, "accountId" | "partition">) {
    const autoScaling = `arn:${p.partition}:iam::${p.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    return [
        {
            Sid: "AutoScalingEncryptsNodeVolumes",
            Effect: "Allow",
            Principal: { AWS: autoScaling },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
        },
        {
            Sid: "AutoScalingGrantsNodeVolumesOnly",
            Effect: "Allow",
            Principal: { AWS: autoScaling },
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        },
    ];
}

export interface EncryptionKeysArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/** The stack's KMS keys, one per data class, with yearly rotation and a 30-day deletion window. */
export class EncryptionKeys extends pulumi.ComponentResource {
    readonly keys: Record<KeyClass, aws.kms.Key>;

    constructor(name: string, args: EncryptionKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:security:EncryptionKeys", name, {}, opts);
        const ctx = args.context;
        const entries = keyClasses.map((keyClass) => {
            const key = new aws.kms.Key(
                `${name}-${keyClass}`,
                {
                    description: `${ctx.name(keyClass)}: encrypts ${keyClass}`,
                    enableKeyRotation: true,
                    rotationPeriodInDays: 365,
                    deletionWindowInDays: 30,
                    policy: pulumi.all([args.accountId, args.partition]).apply(([accountId, partition]) =>
                        JSON.stringify(
                            keyPolicyDocument({
                                keyClass,
                                accountId,
                                partition,
                                region: ctx.config.region,
                                allowDeletion: !ctx.isProd,
                                nodeVolumes: ctx.config.compute.platform === "eks",
                            }),
                        ),
                    ),
                    tags: ctx.tags(keyClass === "data" || keyClass === "backups" ? "phi" : "confidential", { KeyClass: keyClass }),
                },
                ctx.stateful({ parent: this }),
            );
            new aws.kms.Alias(`${name}-${keyClass}`, { name: `alias/${ctx.name(keyClass)}`, targetKeyId: key.keyId }, { parent: this });
            return [keyClass, key] as const;
        });
        this.keys = Object.fromEntries(entries) as Record<KeyClass, aws.kms.Key>;
        this.registerOutputs({ keyArns: Object.fromEntries(entries.map(([c, k]) => [c, k.arn])) });
    }
}
