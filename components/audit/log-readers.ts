// Who reads the audit and PHI-bearing logs: an auditor role for people who review activity
// [164.308(a)(1)(ii)(D)], and an explicit deny for every other role people assume.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { sameAccountMfaTrustPolicy } from "../security/trust-policies";
import { auditorReadPolicy, auditorRoleName, phiLogReadDenyPolicy } from "../security/phi-log-access";

export interface LogReadersArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    /** Log groups that can hold PHI: the auditor reads them, the read-only roles may not. */
    phiLogGroupArns: pulumi.Input<string>[];
    /** Buckets whose objects are logs that can hold PHI (access logs, the audit archive). */
    phiLogBucketArns: pulumi.Input<string>[];
    /** Audit log groups the auditor reads besides (the trail's, the cluster's audit log). */
    auditLogGroupArns: pulumi.Input<string>[];
    /** Roles people assume that must never read PHI through the logs, by key (names each attachment). */
    readOnlyRoles: Record<string, aws.iam.Role>;
}

/**
 * The auditor role (MFA, one-hour sessions) and the managed deny policy, attached to each
 * read-only role. Other stacks' or the pipeline's roles attach the same policy (its ARN).
 */
export function logReaders(name: string, args: LogReadersArgs, opts: { parent: pulumi.Resource }) {
    const ctx = args.context;
    const phi = pulumi.all([pulumi.all(args.phiLogGroupArns), pulumi.all(args.phiLogBucketArns)]);
    const deny = new aws.iam.Policy(
        `${name}-phi-log-read-deny`,
        {
            name: ctx.name("phi-log-read-deny"),
            description: "Deny reading the logs that can hold PHI (attached to every role people or CI assume but the log readers)",
            policy: phi.apply(([logGroupArns, bucketArns]) => JSON.stringify(phiLogReadDenyPolicy({ logGroupArns, bucketArns }))),
            tags: ctx.tags("internal"),
        },
        opts,
    );
    for (const [key, role] of Object.entries(args.readOnlyRoles)) {
        new aws.iam.RolePolicyAttachment(`${name}-phi-log-read-deny-${key}`, { role: role.name, policyArn: deny.arn }, opts);
    }

    const auditor = new aws.iam.Role(
        `${name}-auditor`,
        {
            name: auditorRoleName(ctx),
            description: "Auditors: read the audit logs and the PHI-bearing logs, with MFA; change nothing",
            assumeRolePolicy: pulumi
                .all([args.partition, args.accountId])
                .apply(([partition, accountId]) => JSON.stringify(sameAccountMfaTrustPolicy(partition, accountId))),
            maxSessionDuration: 3600,
            tags: ctx.tags("confidential", { Access: "audit" }),
        },
        opts,
    );
    attachPolicy(
        `${name}-auditor`,
        ctx,
        auditor,
        "Auditors: read the audit and PHI-bearing logs",
        pulumi
            .all([phi, pulumi.all(args.auditLogGroupArns), args.logsKeyArn])
            .apply(([[phiLogGroupArns, bucketArns], auditLogGroupArns, logsKeyArn]) =>
                JSON.stringify(
                    auditorReadPolicy({
                        logGroupArns: [...auditLogGroupArns, ...phiLogGroupArns],
                        bucketArns,
                        logsKeyArn,
                        region: ctx.region,
                    }),
                ),
            ),
        opts,
    );
    return { denyPolicyArn: deny.arn, auditorRoleArn: auditor.arn };
}
