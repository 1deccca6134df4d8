import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { sameAccountMfaTrustPolicy } from "../security/trust-policies";
import { stackSecretReadPolicy } from "../security/secret-read-policies";

/** The one secret the analytics role reads: the read-only PostgreSQL login `analytics_ro` [001]. */
export const ANALYTICS_SECRET = "database-analytics";

/** People of this account (never another's) assume the analytics role, and only with MFA. */
export const analyticsTrustPolicy = sameAccountMfaTrustPolicy;

export interface AnalyticsAccessArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    secretsKeyArn: pulumi.Input<string>;
}

/**
 * The analytics (read-only) role: it reads the credentials of the read-only database login and
 * nothing else, so reporting never holds a credential that can write PHI.
 */
export class AnalyticsAccess extends pulumi.ComponentResource {
    /** People assume it: the PHI log fence applies to it. */
    readonly role: aws.iam.Role;
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: AnalyticsAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:access:AnalyticsAccess", name, {}, opts);
        const ctx = args.context;
        const role = new aws.iam.Role(
            name,
            {
                name: ctx.name("analytics"),
                description: "Analytics: reads the read-only database login's secret, writes nothing",
                assumeRolePolicy: pulumi
                    .all([args.partition, args.accountId])
                    .apply(([partition, accountId]) => JSON.stringify(analyticsTrustPolicy(partition, accountId))),
                tags: ctx.tags("confidential", { Access: "read-only" }),
            },
            { parent: this },
        );
        attachPolicy(
            name,
            ctx,
            role,
            "Analytics: read the read-only database login's secret",
            stackSecretReadPolicy(ctx, args, [ANALYTICS_SECRET]).apply((p) => JSON.stringify(p)),
            { parent: this },
        );
        this.role = role;
        this.roleArn = role.arn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
