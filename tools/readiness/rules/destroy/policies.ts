// Deletions the program's own resource policies forbid, evaluated in the order destroy runs: a
// resource's policy is gone before the resource when it lives in a resource of its own.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { parsePolicy, PolicyDocument } from "../../policy";
import { stackRule } from "../../rule";
import { ADMINISTRATOR, decide } from "../../simulate";
import { Finding } from "../../finding";
import { bucketName, T } from "../aws";
import { destroyable } from "./scope";

interface Deletion {
    resource: PlannedResource;
    action: string;
    arn: string;
    policy: PolicyDocument;
    awsError: string;
    what: string;
}

function deletions(ctx: ReadinessContext): Deletion[] {
    const out: Deletion[] = [];
    for (const key of ctx.ofType(T.key)) {
        const policy = parsePolicy(key.inputs.policy);
        if (!policy) continue;
        const arn = `arn:aws:kms:${ctx.regionOf(key)}:${ctx.account}:key/${key.name}`;
        for (const alias of ctx.ofType(T.alias).filter((a) => ctx.referenced(a, "targetKeyId", T.key) === key))
            out.push({
                resource: alias,
                action: "kms:DeleteAlias",
                arn,
                policy,
                awsError: "AccessDeniedException",
                what: `deleting alias ${str(alias.inputs.name) ?? alias.name}`,
            });
        out.push({
            resource: key,
            action: "kms:ScheduleKeyDeletion",
            arn,
            policy,
            awsError: "AccessDeniedException",
            what: `scheduling the deletion of ${key.name}`,
        });
    }
    for (const holder of ctx.ofType(T.bucketPolicy)) {
        const policy = parsePolicy(holder.inputs.policy);
        const bucket = ctx.referenced(holder, "bucket", T.bucket);
        if (policy && bucket)
            out.push({
                resource: holder,
                action: "s3:DeleteBucketPolicy",
                arn: `arn:aws:s3:::${bucketName(bucket)}`,
                policy,
                awsError: "AccessDenied",
                what: `removing ${bucketName(bucket)}'s policy`,
            });
    }
    for (const holder of ctx.ofType(T.vaultPolicy)) {
        const policy = parsePolicy(holder.inputs.policy);
        const vault = ctx.referenced(holder, "backupVaultName", T.vault);
        if (policy && vault)
            out.push({
                resource: holder,
                action: "backup:DeleteBackupVaultAccessPolicy",
                arn: `arn:aws:backup:${ctx.regionOf(vault)}:${ctx.account}:backup-vault:${str(vault.inputs.name) ?? vault.name}`,
                policy,
                awsError: "AccessDeniedException",
                what: `removing ${vault.name}'s access policy`,
            });
    }
    for (const holder of ctx.ofType(T.topicPolicy)) {
        const policy = parsePolicy(holder.inputs.policy);
        const topic = ctx.referenced(holder, "arn", T.topic);
        if (policy && topic)
            out.push({
                resource: holder,
                action: "sns:SetTopicAttributes",
                arn: `arn:aws:sns:${ctx.regionOf(topic)}:${ctx.account}:${str(topic.inputs.name) ?? topic.name}`,
                policy,
                awsError: "AuthorizationError",
                what: `resetting ${topic.name}'s policy`,
            });
    }
    return out;
}

export const ownPoliciesAllowDeletion = stackRule(
    {
        id: "destroy/own-policies-allow-deletion",
        family: "destroy",
        description:
            "In dev and test, the deploy role may make every deletion destroy needs under the program's own key and resource policies (kms:DeleteAlias, kms:ScheduleKeyDeletion, removing bucket and vault policies)",
        source: "https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html",
    },
    async (ctx, rule) => {
        if (!destroyable(ctx)) return [];
        const findings: Finding[] = [];
        for (const d of deletions(ctx)) {
            const decision = await decide({
                principal: ctx.deployer,
                action: d.action,
                resource: d.arn,
                resourceAccount: ctx.account,
                resourcePolicy: d.policy,
                identityPolicies: [ADMINISTRATOR],
                context: { "aws:SecureTransport": "true" },
            });
            if (decision !== "Allowed")
                findings.push(
                    ctx.finding(rule, d.resource, {
                        message: `destroy stops at ${d.what}: the program's own policy ${decision === "ExplicitlyDenied" ? "denies" : "does not grant"} ${d.action} to the deploy role`,
                        awsError: d.awsError,
                        fix: `grant ${d.action} to the key administrators (kms:Delete* and kms:ScheduleKeyDeletion for keys) in the policy outside prod`,
                    }),
                );
        }
        return findings;
    },
);
