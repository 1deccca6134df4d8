import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { ciRoleNames } from "../security/ci-trust-policies";
import { sameAccountMfaTrustPolicy } from "../security/trust-policies";

/** EKS access policies (AWS-managed; `aws eks list-access-policies`). */
export const eksAccessPolicies = {
    clusterAdmin: "AmazonEKSClusterAdminPolicy",
    edit: "AmazonEKSEditPolicy",
    view: "AmazonEKSViewPolicy",
};

/** Who gets into the cluster, with which EKS access policy, over which scope. */
export interface ClusterGrant {
    /** Resource-name suffix. */
    who: string;
    principalArn: pulumi.Input<string>;
    policy: keyof typeof eksAccessPolicies;
    /** Namespaces, or the whole cluster when absent. */
    namespaces?: string[];
}

/**
 * The people and CI jobs that reach the cluster's API [18.1]: the deploy role administers it (it
 * applies every object), the preview and drift roles read it (view: no Secrets), and operators
 * (an MFA role of this account) edit the workloads' namespace and view the rest.
 */
export function clusterGrants(
    ctx: PlatformContext,
    role: (name: string) => pulumi.Input<string>,
    operatorRoleArn: pulumi.Input<string>,
    namespace: string,
) {
    const ci = ciRoleNames(ctx.app, ctx.environment);
    const grants: ClusterGrant[] = [
        { who: "deploy", principalArn: role(ci.deploy), policy: "clusterAdmin" },
        { who: "preview", principalArn: role(ci.preview), policy: "view" },
        { who: "drift", principalArn: role(ci.drift), policy: "view" },
        { who: "operator", principalArn: operatorRoleArn, policy: "view" },
        { who: "operator-workloads", principalArn: operatorRoleArn, policy: "edit", namespaces: [namespace] },
    ];
    return grants;
}

export interface ClusterAccessArgs {
    context: PlatformContext;
    clusterName: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** The workloads' namespace: operators edit there and view elsewhere. */
    workloadsNamespace: string;
}

/**
 * Access entries and policy associations (the cluster's authenticationMode is API) for the CI roles
 * the bootstrap project creates and an operator role made here. The cluster's creator gets no
 * implicit entry (bootstrapClusterCreatorAdminPermissions: false): the deploy role is the creator,
 * and EKS refuses a second entry for a principal that already has one (ResourceInUseException).
 * Returns what must exist before the Kubernetes provider talks to the cluster, and the operator
 * role (the audit area fences it off the PHI-bearing logs).
 */
export function clusterAccess(
    name: string,
    args: ClusterAccessArgs,
    opts: pulumi.CustomResourceOptions,
): { ready: pulumi.Resource[]; operatorRole: aws.iam.Role } {
    const ctx = args.context;
    const roleArn = (roleName: string) => pulumi.interpolate`arn:${args.partition}:iam::${args.accountId}:role/${roleName}`;

    const operator = new aws.iam.Role(
        `${name}-operator`,
        {
            name: ctx.name("eks-operator"),
            description: "On-call operators: kubectl with MFA (edit in the workloads' namespace, view elsewhere)",
            assumeRolePolicy: pulumi
                .all([args.partition, args.accountId])
                .apply(([partition, account]) => JSON.stringify(sameAccountMfaTrustPolicy(partition, account))),
            maxSessionDuration: 3600,
            tags: ctx.tags("internal"),
        },
        opts,
    );
    attachPolicy(
        `${name}-operator`,
        ctx,
        operator,
        "EKS operators: describe this cluster to build a kubeconfig; Kubernetes rights come from its access entry",
        pulumi.output(args.clusterArn).apply((cluster) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "eks:DescribeCluster", Resource: cluster }],
            }),
        ),
        opts,
    );

    const grants = clusterGrants(ctx, roleArn, operator.arn, args.workloadsNamespace);
    const entries = new Map<string, aws.eks.AccessEntry>();
    const created: pulumi.Resource[] = [];
    for (const grant of grants) {
        const key = String(grant.who.split("-")[0]);
        let entry = entries.get(key);
        if (!entry) {
            entry = new aws.eks.AccessEntry(
                `${name}-${key}`,
                { clusterName: args.clusterName, principalArn: grant.principalArn, type: "STANDARD", tags: ctx.tags("internal") },
                opts,
            );
            entries.set(key, entry);
            created.push(entry);
        }
        created.push(
            new aws.eks.AccessPolicyAssociation(
                `${name}-${grant.who}`,
                {
                    clusterName: args.clusterName,
                    principalArn: entry.principalArn,
                    policyArn: pulumi.interpolate`arn:${args.partition}:eks::aws:cluster-access-policy/${eksAccessPolicies[grant.policy]}`,
                    accessScope: grant.namespaces ? { type: "namespace", namespaces: grant.namespaces } : { type: "cluster" },
                },
                opts,
            ),
        );
    }
    return { ready: created, operatorRole: operator };
}
