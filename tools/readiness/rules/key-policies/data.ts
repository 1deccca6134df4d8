// Keys of the data tier: RDS (storage, Performance Insights, the managed master secret), ElastiCache, Secrets Manager.
import { T } from "../aws";
import { KeyUse, nameOf, ServiceCase, viaService } from "./simulate-use";

export const rds: ServiceCase = {
    id: "key-policies/rds",
    family: "key-policies",
    description:
        "The deploy role may CreateGrant and DescribeKey through RDS on storage and Performance Insights keys, and GenerateDataKey and Decrypt through Secrets Manager on the master secret's key",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html",
    awsError: "KMSKeyNotAccessibleFault",
    consequence: "RDS refuses to create the instance",
    uses: (ctx) =>
        ctx.ofType(T.rds).flatMap((db): KeyUse[] => {
            const region = ctx.regionOf(db);
            const uses: KeyUse[] = [];
            for (const property of ["kmsKeyId", "performanceInsightsKmsKeyId"]) {
                if (db.inputs[property] === undefined) continue;
                uses.push({
                    holder: db,
                    key: db.inputs[property],
                    calls: ["kms:CreateGrant", "kms:DescribeKey"].map((action) =>
                        viaService(ctx, "rds", region, action, `for ${property}`),
                    ),
                });
            }
            if (db.inputs.manageMasterUserPassword === true && db.inputs.masterUserSecretKmsKeyId !== undefined)
                uses.push({
                    holder: db,
                    key: db.inputs.masterUserSecretKmsKeyId,
                    calls: ["kms:GenerateDataKey", "kms:Decrypt"].map((action) =>
                        viaService(ctx, "secretsmanager", region, action, "for the master user secret RDS stores in Secrets Manager"),
                    ),
                });
            return uses;
        }),
};

export const elasticache: ServiceCase = {
    id: "key-policies/elasticache",
    family: "key-policies",
    description: "The deploy role may CreateGrant and DescribeKey through ElastiCache on the at-rest key",
    source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html#using-customer-managed-keys-for-elasticache-security",
    awsError: "InvalidKMSKeyFault",
    consequence: "ElastiCache refuses to create the replication group",
    uses: (ctx) =>
        ctx.ofType(T.cache).flatMap((group): KeyUse[] =>
            group.inputs.kmsKeyId === undefined
                ? []
                : [
                      {
                          holder: group,
                          key: group.inputs.kmsKeyId,
                          calls: ["kms:CreateGrant", "kms:DescribeKey"].map((action) =>
                              viaService(ctx, "elasticache", ctx.regionOf(group), action, "when the group is created"),
                          ),
                      },
                  ],
        ),
};

export const secretsManager: ServiceCase = {
    id: "key-policies/secrets-manager",
    family: "key-policies",
    description:
        "The account's principals may GenerateDataKey and Decrypt through Secrets Manager with the secret's ARN as encryption context",
    source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
    awsError: "AccessDeniedException",
    consequence: "Secrets Manager cannot store or return the secret's value",
    uses: (ctx) =>
        ctx.ofType(T.secret).flatMap((secret): KeyUse[] => {
            if (secret.inputs.kmsKeyId === undefined) return [];
            const region = ctx.regionOf(secret);
            const context = {
                "kms:EncryptionContext:SecretARN": `arn:aws:secretsmanager:${region}:${ctx.account}:secret:${nameOf(secret)}-AbCdEf`,
                "kms:EncryptionContext:SecretVersionId": "00000000-0000-0000-0000-000000000000",
            };
            return [
                {
                    holder: secret,
                    key: secret.inputs.kmsKeyId,
                    calls: [
                        viaService(ctx, "secretsmanager", region, "kms:GenerateDataKey", "when a value is stored", context),
                        viaService(ctx, "secretsmanager", region, "kms:Decrypt", "when the value is read", context),
                    ],
                },
            ];
        }),
};

/** The role ECR reads a pull-through cache rule's credential as (AWS creates it with the account's first rule). */
const pullThroughCacheRole = (account: string) =>
    `arn:aws:iam::${account}:role/aws-service-role/pullthroughcache.ecr.amazonaws.com/AWSServiceRoleForECRPullThroughCache`;

export const ecrPullThroughCache: ServiceCase = {
    id: "key-policies/ecr-pull-through-cache",
    family: "key-policies",
    description:
        "ECR's pull-through cache role may Decrypt a rule's credential through Secrets Manager: its AWS-managed policy grants no KMS action, so a customer-managed key's policy must",
    source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-pullthroughcache.html",
    awsError: "AccessDeniedException",
    consequence: "ECR cannot read the upstream registry's credential: every first pull of an image through the rule fails",
    uses: (ctx) =>
        ctx.ofType(T.pullThroughCacheRule).flatMap((rule): KeyUse[] => {
            const secret = ctx.referenced(rule, "credentialArn", T.secret);
            if (!secret || secret.inputs.kmsKeyId === undefined) return [];
            const region = ctx.regionOf(secret);
            const context = {
                "kms:EncryptionContext:SecretARN": `arn:aws:secretsmanager:${region}:${ctx.account}:secret:${nameOf(secret)}-AbCdEf`,
            };
            // The role's own policy (AWSECRPullThroughCache_ServiceRolePolicy) has no KMS statement: only the key policy counts.
            const call = viaService(
                ctx,
                "secretsmanager",
                region,
                "kms:Decrypt",
                "when ECR fetches an image it does not hold yet",
                context,
                pullThroughCacheRole(ctx.account),
                [],
            );
            return [{ holder: rule, key: secret.inputs.kmsKeyId, calls: [call] }];
        }),
};
