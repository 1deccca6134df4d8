// Stateful resources of dev and test that refuse deletion or re-creation: full buckets, locked
// objects and vaults, secret names held by a recovery window, fixed final snapshot names.
import { str } from "../../context";
import { stackRule } from "../../rule";
import { Finding } from "../../finding";
import { ADMINISTRATOR, decide } from "../../simulate";
import { bucketConfigs, bucketName, bucketPolicyOf, hasObjectLock, T } from "../aws";
import { destroyable } from "./scope";

/**
 * What the provider's force destroy asks of S3 for a versioned bucket: it lists the versions, then
 * deletes each version and delete marker, with BypassGovernanceRetention on a lock-enabled bucket
 * (terraform-provider-aws internal/service/s3/delete.go, emptyBucket and deletePage).
 */
/** Any object version: the simulator evaluates one concrete resource. */
const ANY_KEY = "any/object/key";

function emptyingRequests(arn: string, locked: boolean) {
    return [
        { action: "s3:ListBucketVersions", resource: arn },
        { action: "s3:DeleteObjectVersion", resource: `${arn}/${ANY_KEY}` },
        ...(locked ? [{ action: "s3:BypassGovernanceRetention", resource: `${arn}/${ANY_KEY}` }] : []),
    ];
}

export const bucketsEmptied = stackRule(
    {
        id: "destroy/buckets-emptied",
        family: "destroy",
        description:
            "A dev or test bucket is emptied on destroy (forceDestroy), its own policy lets the deploy role list and delete its versions (and bypass GOVERNANCE retention where it is locked), and no COMPLIANCE Object Lock keeps its objects",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes",
    },
    async (ctx, rule) => {
        if (!destroyable(ctx)) return [];
        const findings: Finding[] = [];
        for (const bucket of ctx.ofType(T.bucket)) {
            const lock = bucketConfigs(ctx, bucket, T.objectLock)[0];
            const retention = (lock?.inputs.rule as any)?.defaultRetention;
            if (retention?.mode === "COMPLIANCE")
                findings.push(
                    ctx.finding(rule, lock, {
                        message: `COMPLIANCE mode keeps every object of ${bucketName(bucket)} for ${retention.days ?? `${retention.years} years`}${retention.days ? " days" : ""}: nobody, root included, can delete them, so the bucket cannot be deleted`,
                        awsError: "AccessDenied on DeleteObjectVersion; BucketNotEmpty on DeleteBucket",
                        fix: "use GOVERNANCE mode (or no default retention) outside prod",
                    }),
                );
            if (bucket.inputs.forceDestroy !== true) {
                findings.push(
                    ctx.finding(rule, bucket, {
                        message: `${bucketName(bucket)} receives objects (backups, logs or documents) and forceDestroy is off: S3 deletes only empty buckets`,
                        awsError: "BucketNotEmpty",
                        fix: "set forceDestroy: true outside prod (with GOVERNANCE retention, which it bypasses)",
                    }),
                );
                continue;
            }
            const policy = bucketPolicyOf(ctx, bucket);
            if (!policy) continue;
            const arn = ctx.arn("s3", bucketName(bucket));
            for (const { action, resource } of emptyingRequests(arn, hasObjectLock(ctx, bucket))) {
                const decision = await decide({
                    principal: ctx.deployer,
                    action,
                    resource,
                    resourceAccount: ctx.account,
                    resourcePolicy: policy,
                    identityPolicies: [ADMINISTRATOR],
                    context: { "aws:SecureTransport": "true" },
                });
                if (decision !== "Allowed")
                    findings.push(
                        ctx.finding(rule, bucket, {
                            message: `forceDestroy empties ${bucketName(bucket)} as the deploy role, but the bucket's own policy ${decision === "ExplicitlyDenied" ? "denies" : "does not grant"} it ${action}: the versions stay and the bucket with them`,
                            awsError: "AccessDenied; BucketNotEmpty on DeleteBucket",
                            fix: `exempt the deploy role from the policy's Deny of ${action} (aws:PrincipalArn) in dev and test only`,
                        }),
                    );
            }
        }
        return findings;
    },
);

export const vaultsEmptied = stackRule(
    {
        id: "destroy/vaults-emptied",
        family: "destroy",
        description: "A dev or test backup vault is emptied on destroy (forceDestroy) and has no COMPLIANCE vault lock",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
    },
    (ctx, rule) =>
        !destroyable(ctx)
            ? []
            : ctx.ofType(T.vault).flatMap((vault) => {
                  const findings = [];
                  const lock = ctx.ofType(T.vaultLock).find((l) => ctx.referenced(l, "backupVaultName", T.vault) === vault);
                  if (lock && lock.inputs.changeableForDays !== undefined)
                      findings.push(
                          ctx.finding(rule, lock, {
                              message: `a vault lock in compliance mode (changeableForDays ${lock.inputs.changeableForDays}) becomes immutable after its grace time: recovery points stay until their retention ends, and the vault with them`,
                              awsError: "InvalidRequestException (vault is locked)",
                              fix: "lock vaults in compliance mode in prod only; governance mode (no changeableForDays) elsewhere",
                          }),
                      );
                  if (vault.inputs.forceDestroy !== true)
                      findings.push(
                          ctx.finding(rule, vault, {
                              message: `${str(vault.inputs.name) ?? vault.name} holds recovery points and forceDestroy is off: AWS Backup deletes only empty vaults`,
                              awsError: "InvalidRequestException (Backup vault cannot be deleted because it contains recovery points)",
                              fix: "set forceDestroy: true outside prod",
                          }),
                      );
                  return findings;
              }),
);

export const secretNamesReleased = stackRule(
    {
        id: "destroy/secret-recovery-window",
        family: "destroy",
        description: "Dev and test secrets are deleted without a recovery window, so a re-created stack can take their names again",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html",
    },
    (ctx, rule) =>
        !destroyable(ctx)
            ? []
            : ctx
                  .ofType(T.secret)
                  .filter((s) => s.inputs.recoveryWindowInDays !== 0)
                  .map((s) =>
                      ctx.finding(rule, s, {
                          message: `destroy only schedules ${str(s.inputs.name) ?? s.name} for deletion in ${s.inputs.recoveryWindowInDays ?? 30} days; until then the stack cannot be deployed again`,
                          awsError: "InvalidRequestException (a secret with this name is already scheduled for deletion)",
                          fix: "set recoveryWindowInDays: 0 outside prod",
                      }),
                  ),
);

export const finalSnapshotNames = stackRule(
    {
        id: "destroy/final-snapshot-names",
        family: "destroy",
        description:
            "Dev and test databases and caches do not take a final snapshot under a fixed name (the next destroy would find it taken)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html",
    },
    (ctx, rule) =>
        !destroyable(ctx)
            ? []
            : [
                  ...ctx
                      .ofType(T.rds)
                      .filter(
                          (db) =>
                              db.inputs.replicateSourceDb === undefined &&
                              db.inputs.skipFinalSnapshot !== true &&
                              str(db.inputs.finalSnapshotIdentifier),
                      )
                      .map((db) => ({ r: db, awsError: "DBSnapshotAlreadyExists" })),
                  ...ctx
                      .ofType(T.cache)
                      .filter((c) => str(c.inputs.finalSnapshotIdentifier))
                      .map((c) => ({ r: c, awsError: "SnapshotAlreadyExistsFault" })),
              ].map(({ r, awsError }) =>
                  ctx.finding(rule, r, {
                      message: `the first destroy leaves snapshot ${r.inputs.finalSnapshotIdentifier}; after the stack is deployed again, the next destroy fails on the same name`,
                      awsError,
                      fix: "skip the final snapshot outside prod (AWS Backup keeps the recovery points)",
                  }),
              ),
);
