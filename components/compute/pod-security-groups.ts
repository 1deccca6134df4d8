import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface PodSecurityGroupsArgs {
    name: string;
    namespace: pulumi.Input<string>;
    labels: Record<string, string>;
    /** The pods that get the groups. */
    podSelector: Record<string, string>;
    /** The cluster's own group (so the pods still talk to the nodes, CoreDNS and the load balancer's rules). */
    clusterSecurityGroupId: pulumi.Input<string>;
    /** The client groups of the data stores these pods use (network.ts). */
    clientSecurityGroupIds: pulumi.Input<string>[];
}

/**
 * A SecurityGroupPolicy (security groups for pods, vpcresources.k8s.aws/v1beta1, whose CRD EKS installs): the
 * selected pods get a branch network interface of their own carrying these groups instead of the node's, so only
 * they pass a data store's group. The VPC CNI needs ENABLE_POD_ENI, the cluster role AmazonEKSVPCResourceController,
 * and the nodes a trunking-compatible Nitro type (https://docs.aws.amazon.com/eks/latest/userguide/security-groups-for-pods.html).
 * It must exist before the pods: the webhook assigns the interface when a pod is created.
 */
export function podSecurityGroups(id: string, args: PodSecurityGroupsArgs, opts: pulumi.CustomResourceOptions) {
    return new k8s.apiextensions.CustomResource(
        id,
        {
            apiVersion: "vpcresources.k8s.aws/v1beta1",
            kind: "SecurityGroupPolicy",
            metadata: { name: args.name, namespace: args.namespace, labels: args.labels },
            spec: {
                podSelector: { matchLabels: args.podSelector },
                securityGroups: { groupIds: [args.clusterSecurityGroupId, ...args.clientSecurityGroupIds] },
            },
        },
        opts,
    );
}
