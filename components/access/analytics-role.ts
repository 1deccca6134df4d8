import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { sameAccountMfaTrustPolicy } from "../security/trust-policies";

/** People of this account (never another's) assume the analytics role, and only with MFA. */
export const analyticsTrustPolicy = sameAccountMfaTrustPolicy;

export interface AnalyticsAccessArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * The analytics (read-only) role: it may connect to PostgreSQL as the `analyst` login (IAM database
 * authentication, read-only; the database component grants it) and nothing else, so a person doing reporting never holds a password, never
 * shares a login, and never holds a credential that can write PHI.
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
                description: "Analytics: logs in to PostgreSQL as the read-only analyst, writes nothing",
                assumeRolePolicy: pulumi
                    .all([args.partition, args.accountId])
                    .apply(([partition, accountId]) => JSON.stringify(analyticsTrustPolicy(partition, accountId))),
                tags: ctx.tags("confidential", { Access: "read-only" }),
            },
            { parent: this },
        );
        this.role = role;
        this.roleArn = role.arn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
