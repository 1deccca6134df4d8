import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";

/**
 * A customer-managed policy attached to one role: reviewable and versioned on its own, unlike an
 * inline policy. The policy resource keeps the attachment's name. Returns the attachment: whatever
 * hands the role to an AWS service depends on it, so the service never receives the role before its
 * permissions (services check them on create, e.g. CloudTrail's InsufficientCloudWatchLogsPolicy).
 */
export function attachPolicy(
    name: string,
    ctx: PlatformContext,
    role: aws.iam.Role,
    description: string,
    policy: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): aws.iam.RolePolicyAttachment {
    const managed = new aws.iam.Policy(name, { description, policy, tags: ctx.tags("internal") }, opts);
    return new aws.iam.RolePolicyAttachment(name, { role: role.name, policyArn: managed.arn }, opts);
}
