// Bucket and role policy documents as plain data, so they can be evaluated (iam-simulate) as well
// as deployed. Every function here is pure.

import { elbLogDeliveryAccounts } from "../../policies/lib/elb-log-delivery";

export type Statement = Record<string, unknown>;

export function policyDocument(statements: Statement[]) {
    return { Version: "2012-10-17", Statement: statements };
}

/** Refuses every request made over plain HTTP, whoever makes it [HIPAA 164.312(e)(1)]. */
export function denyInsecureTransport(bucketArn: string): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/** What empties a locked bucket: deleting versions, past a GOVERNANCE retention where one holds. */
const LOCKED_VERSION_DELETION = ["s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"];

/**
 * On an Object Lock bucket nobody, administrators included, deletes a version, bypasses a
 * governance lock or rewrites a retention: the lock holds even in GOVERNANCE mode. Versions
 * expire through the lifecycle rules, which bucket policies do not govern. The one exception is
 * the emptier, given only where the stack is destroyable (dev, test): the role `pulumi destroy`
 * runs as, whose force destroy deletes every version with BypassGovernanceRetention
 * (terraform-provider-aws internal/service/s3/delete.go, emptyBucket). Nobody rewrites a retention.
 */
export function denyLockedVersionTampering(bucketArn: string, emptier?: string): Statement[] {
    const deny = { Effect: "Deny", Principal: "*", Resource: `${bucketArn}/*` };
    if (!emptier) return [{ Sid: "DenyLockedVersionTampering", ...deny, Action: [...LOCKED_VERSION_DELETION, "s3:PutObjectRetention"] }];
    return [
        { Sid: "DenyLockedVersionTampering", ...deny, Action: "s3:PutObjectRetention" },
        {
            Sid: "OnlyTheEmptierDeletesLockedVersions",
            ...deny,
            Action: LOCKED_VERSION_DELETION,
            Condition: { ArnNotEquals: { "aws:PrincipalArn": emptier } },
        },
    ];
}

/** Reading an object's content (S3 Select is GetObject too). */
export const OBJECT_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion"];

/**
 * Nobody but the named roles reads the bucket's objects, administrators included: for log buckets
 * whose files can hold PHI. Writers (log delivery) are unaffected; a principal without an ARN (an
 * AWS service) is refused too.
 */
export function denyObjectReadsExcept(bucketArn: string, readerArns: string[]): Statement {
    return {
        Sid: "OnlyLogReadersReadObjects",
        Effect: "Deny",
        Principal: "*",
        Action: OBJECT_READ_ACTIONS,
        Resource: `${bucketArn}/*`,
        Condition: { ArnNotEquals: { "aws:PrincipalArn": readerArns } },
    };
}

/** Where each kind of log lands inside the access-log bucket. */
export const accessLogPrefixes = { s3: "s3/", alb: "alb/" } as const;

/** S3 server access logging delivers this account's buckets' logs under `s3/`. */
export function s3LogDelivery(logBucketArn: string, accountId: string): Statement {
    return {
        Sid: "S3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${logBucketArn}/${accessLogPrefixes.s3}*`,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    };
}

/** Load balancers in this region write their access logs under `alb/AWSLogs/<account>/`. */
export function elbLogDelivery(logBucketArn: string, accountId: string, region: string): Statement {
    const elbAccount = elbLogDeliveryAccounts[region];
    return {
        Sid: "ElbAccessLogDelivery",
        Effect: "Allow",
        Principal: elbAccount
            ? { AWS: `arn:${region.startsWith("us-gov-") ? "aws-us-gov" : "aws"}:iam::${elbAccount}:root` }
            : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${logBucketArn}/${accessLogPrefixes.alb}AWSLogs/${accountId}/*`,
    };
}

export interface ReplicationPolicyInput {
    sourceBucketArn: string;
    destinationBucketArn: string;
    sourceKeyArn: string;
    destinationKeyArn: string;
    sourceRegion: string;
    destinationRegion: string;
}

/** What S3 replication may do: read versions (with their locks) here, write replicas there, nothing else. */
export function replicationRolePolicy(p: ReplicationPolicyInput) {
    return policyDocument([
        {
            Sid: "ReadSourceConfiguration",
            Effect: "Allow",
            Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            Resource: p.sourceBucketArn,
        },
        {
            Sid: "ReadSourceVersions",
            Effect: "Allow",
            Action: [
                "s3:GetObjectVersionForReplication",
                "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionTagging",
                "s3:GetObjectRetention",
                "s3:GetObjectLegalHold",
            ],
            Resource: `${p.sourceBucketArn}/*`,
        },
        {
            Sid: "WriteReplicas",
            Effect: "Allow",
            Action: ["s3:ReplicateObject", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
            Resource: `${p.destinationBucketArn}/*`,
        },
        {
            Sid: "DecryptSourceObjects",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: p.sourceKeyArn,
            Condition: { StringLike: { "kms:ViaService": `s3.${p.sourceRegion}.amazonaws.com` } },
        },
        {
            Sid: "EncryptReplicas",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:GenerateDataKey"],
            Resource: p.destinationKeyArn,
            Condition: { StringLike: { "kms:ViaService": `s3.${p.destinationRegion}.amazonaws.com` } },
        },
    ]);
}

/** Who may do what with a bucket that holds PHI, besides nobody. */
export interface BucketAllowList {
    /** Read, write and list its objects: the applications, AWS Backup's role, replication, break-glass. */
    dataPrincipals: string[];
    /** Change its policy, versioning, encryption, lifecycle, replication or lock, or delete it: the deploy role, break-glass. */
    managers: string[];
    /** Also list and delete its objects: the deploy role, where `pulumi destroy` empties the bucket (forceDestroy). */
    emptiers: string[];
}

/** What reads, writes or deletes a bucket's content, or lists it (object keys can name patients). */
const objectReadWriteActions = [
    "s3:GetObject*",
    "s3:PutObject*",
    "s3:RestoreObject",
    "s3:ReplicateObject",
    "s3:ReplicateDelete",
    "s3:ReplicateTags",
    "s3:ObjectOwnerOverrideToBucketOwner",
    "s3:ListMultipartUploadParts",
];
const objectListDeleteActions = [
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:ListBucketMultipartUploads",
    "s3:DeleteObject*",
    "s3:AbortMultipartUpload",
];
/** What changes how the bucket protects its content. */
const bucketGuardActions = [
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:PutBucketVersioning",
    "s3:PutEncryptionConfiguration",
    "s3:PutLifecycleConfiguration",
    "s3:PutReplicationConfiguration",
    "s3:PutBucketObjectLockConfiguration",
    "s3:PutBucketPublicAccessBlock",
    "s3:PutBucketOwnershipControls",
    "s3:PutBucketAcl",
    "s3:PutBucketLogging",
    "s3:DeleteBucket",
];

/**
 * Deny-except statements: identity policies alone (an administrator's `s3:*`, a read-only
 * insider's `s3:Get*`, a pod role granted too much) no longer reach the content or the guards of
 * the bucket; only the principals named, matched by `aws:PrincipalArn`. Reading bucket settings
 * (s3:GetBucket*, which AWS Config, Access Analyzer and the drift role use) stays with IAM. The
 * account's root user can still replace a policy that locked everyone out (S3 keeps that path).
 */
export function allowListStatements(bucketArn: string, a: BucketAllowList): Statement[] {
    const exceptFor = (principals: string[]) => ({ ArnNotEquals: { "aws:PrincipalArn": [...new Set(principals)] } });
    return [
        {
            Sid: "OnlyNamedPrincipalsReadOrWriteObjects",
            Effect: "Deny",
            Principal: "*",
            Action: objectReadWriteActions,
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: exceptFor(a.dataPrincipals),
        },
        {
            Sid: "OnlyNamedPrincipalsListOrDeleteObjects",
            Effect: "Deny",
            Principal: "*",
            Action: objectListDeleteActions,
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: exceptFor([...a.dataPrincipals, ...a.emptiers]),
        },
        {
            Sid: "OnlyTheDeployerAndBreakGlassChangeTheBucket",
            Effect: "Deny",
            Principal: "*",
            Action: bucketGuardActions,
            Resource: bucketArn,
            Condition: exceptFor(a.managers),
        },
    ];
}
