import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";

/**
 * Auto Scaling's service-linked role (AWSServiceRoleForAutoScaling), which launches the EKS
 * managed nodes. Auto Scaling creates it on first use, but the data key's policy names it (it
 * encrypts the nodes' volumes) and KMS refuses a policy naming a principal that does not exist
 * (MalformedPolicyDocumentException): in a fresh account the key would fail before any node group
 * could create the role. So the stack creates it, and the data key depends on it.
 *
 * It is an account singleton: only the stack that owns the account's singletons creates it; the
 * other stacks of the account are deployed after that one and rely on it (docs/security.md). A
 * destroy deletes it with the owning stack (IAM refuses while an Auto Scaling group of the account
 * still uses it, so the owner goes last). In an account where Auto Scaling already created it,
 * import it once: `pulumi import aws:iam/serviceLinkedRole:ServiceLinkedRole autoscaling-service-linked-role
 * arn:aws:iam::<account>:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`.
 */
export function autoScalingServiceLinkedRole(ctx: PlatformContext, opts?: pulumi.CustomResourceOptions): aws.iam.ServiceLinkedRole {
    return new aws.iam.ServiceLinkedRole(
        "autoscaling-service-linked-role",
        {
            awsServiceName: "autoscaling.amazonaws.com",
            description: "Default Service-Linked Role enables access to AWS Services and Resources used or managed by Auto Scaling",
            tags: ctx.tags("internal"),
        },
        opts,
    );
}
