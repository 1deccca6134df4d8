// Keys behind S3 buckets (with Bucket Keys), their replication, and AWS Backup vaults and copies.
import { list, ReadinessContext } from "../../context";
import { ADMINISTRATOR } from "../../simulate";
import { awsManagedPoliciesOf, bucketEncryption, bucketName, bucketNamed, identityPoliciesOf, T } from "../aws";
import { KeyUse, nameOf, ServiceCase, viaService } from "./simulate-use";

/** The encryption context S3 passes: the bucket's ARN with a Bucket Key, the object's without. */
const s3Context = (bucket: string, bucketKey: boolean) => ({
    "kms:EncryptionContext:aws:s3:arn": bucketKey ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/object`,
});

export const s3: ServiceCase = {
    id: "key-policies/s3",
    family: "key-policies",
    description: "The account's principals may GenerateDataKey and Decrypt through S3 (with the bucket ARN as context under a Bucket Key)",
    source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html",
    awsError: "AccessDenied",
    consequence: "every upload to (and download from) the bucket fails",
    uses: (ctx) =>
        ctx.ofType(T.bucket).flatMap((bucket): KeyUse[] => {
            const encryption = bucketEncryption(ctx, bucket);
            if (!encryption?.key) return [];
            const region = ctx.regionOf(bucket);
            const context = s3Context(bucketName(bucket), encryption.bucketKey);
            return [
                {
                    holder: bucket,
                    key: encryption.key,
                    calls: [
                        viaService(ctx, "s3", region, "kms:GenerateDataKey", "on every PutObject", context),
                        viaService(ctx, "s3", region, "kms:Decrypt", "on every GetObject", context),
                    ],
                },
            ];
        }),
};

export const s3Replication: ServiceCase = {
    id: "key-policies/s3-replication",
    family: "key-policies",
    description:
        "The replication role may Decrypt with the source bucket's key and Encrypt/GenerateDataKey with the replica key, each through S3 in its region",
    source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html",
    awsError: "AccessDenied (replication status FAILED)",
    consequence: "S3 replicates none of the KMS-encrypted objects: the DR copy stays empty",
    uses: (ctx) =>
        ctx.ofType(T.replication).flatMap((replication) => {
            const role = ctx.referenced(replication, "role", T.role);
            const source = ctx.referenced(replication, "bucket", T.bucket);
            if (!role || !source) return [];
            const roleArn = `arn:aws:iam::${ctx.account}:role/${nameOf(role)}`;
            const identity = identityPoliciesOf(ctx, role);
            const uses: KeyUse[] = [];
            const encryption = bucketEncryption(ctx, source);
            if (encryption?.key)
                uses.push({
                    holder: replication,
                    key: encryption.key,
                    calls: [
                        viaService(
                            ctx,
                            "s3",
                            ctx.regionOf(source),
                            "kms:Decrypt",
                            "to read each source object",
                            s3Context(bucketName(source), false),
                            roleArn,
                            identity,
                        ),
                    ],
                });
            for (const rule of list<any>(replication.inputs.rules)) {
                const destination = bucketNamed(ctx, replication, rule?.destination?.bucket);
                const replicaKey = rule?.destination?.encryptionConfiguration?.replicaKmsKeyId;
                if (!destination || !replicaKey) continue;
                const region = ctx.regionOf(destination);
                const context = s3Context(bucketName(destination), false);
                uses.push({
                    holder: replication,
                    key: replicaKey,
                    calls: ["kms:Encrypt", "kms:GenerateDataKey"].map((action) =>
                        viaService(ctx, "s3", region, action, "to write each replica", context, roleArn, identity),
                    ),
                });
            }
            return uses;
        }),
};

/** The role AWS Backup runs jobs as; AWS-managed backup policies grant it KMS use through Backup. */
function backupRole(ctx: ReadinessContext): { arn: string; identity: ReturnType<typeof identityPoliciesOf> } | undefined {
    const selection = ctx.ofType(T.backupSelection)[0];
    const role = selection ? ctx.referenced(selection, "iamRoleArn", T.role) : undefined;
    if (!role) return undefined;
    const managed = awsManagedPoliciesOf(ctx, role).some((arn) => /AWSBackupServiceRolePolicyForBackup$/.test(arn));
    return { arn: `arn:aws:iam::${ctx.account}:role/${nameOf(role)}`, identity: managed ? [ADMINISTRATOR] : identityPoliciesOf(ctx, role) };
}

export const backup: ServiceCase = {
    id: "key-policies/backup",
    family: "key-policies",
    description:
        "A vault's key lets the deploy role CreateGrant and DescribeKey through AWS Backup, and the backup role encrypt through it, in the vault's region (cross-region copies included)",
    source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html",
    awsError: "AccessDeniedException",
    consequence: "AWS Backup refuses the vault, or every backup and copy job into it fails",
    uses: (ctx) =>
        ctx.ofType(T.vault).flatMap((vault): KeyUse[] => {
            if (vault.inputs.kmsKeyArn === undefined) return [];
            const region = ctx.regionOf(vault);
            const role = backupRole(ctx);
            const copiedInto = ctx
                .ofType(T.backupPlan)
                .some((p) =>
                    list<any>(p.inputs.rules).some((r) =>
                        list<any>(r.copyActions).some((c) => ctx.resolve(p, c.destinationVaultArn, T.vault) === vault),
                    ),
                );
            const jobs = role
                ? ["kms:GenerateDataKey", "kms:Decrypt", "kms:CreateGrant"].map((action) =>
                      viaService(
                          ctx,
                          "backup",
                          region,
                          action,
                          copiedInto ? "for each cross-region copy into the vault" : "for each backup job",
                          {},
                          role.arn,
                          role.identity,
                      ),
                  )
                : [];
            return [
                {
                    holder: vault,
                    key: vault.inputs.kmsKeyArn,
                    calls: [
                        viaService(ctx, "backup", region, "kms:CreateGrant", "when the vault is created"),
                        viaService(ctx, "backup", region, "kms:DescribeKey", "when the vault is created"),
                        ...jobs,
                    ],
                },
            ];
        }),
};
