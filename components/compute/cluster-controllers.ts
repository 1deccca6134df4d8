// The controllers careplane installs into every EKS cluster, each from a pinned Helm chart, with the
// requests the capacity check counts (capacity.ts) and the order the first `up` needs: the AWS Load
// Balancer Controller's webhooks must have endpoints before any Service, Ingress or other release is
// created, since its mutating webhook intercepts every new Service (failurePolicy Fail).

/** Requests and limits of one container, in Kubernetes quantities, with the numbers the capacity check adds. */
export interface ContainerSize {
    cpuMillis: number;
    memoryMiB: number;
}

export function resourcesOf(size: ContainerSize, limitFactor = 2) {
    return {
        requests: { cpu: `${size.cpuMillis}m`, memory: `${size.memoryMiB}Mi` },
        limits: { cpu: `${size.cpuMillis * limitFactor}m`, memory: `${size.memoryMiB * limitFactor}Mi` },
    };
}

/** A controller's pods as the capacity check counts them. */
export interface ControllerFootprint {
    replicas: number;
    /** Every container of one pod. */
    containers: ContainerSize[];
}

export const controllerCharts = {
    /**
     * External Secrets Operator rather than the Secrets Store CSI driver: pods keep reading secrets as environment
     * variables [000, 003], each service's SecretStore authenticates as that service's own IRSA role, rotation
     * reaches pods by refresh, and no privileged hostPath DaemonSet runs on the nodes. The synced Secrets sit in etcd
     * envelope-encrypted with the cluster key. 2.7 is the minor in support, tested on Kubernetes 1.35
     * (https://external-secrets.io/latest/introduction/stability-support/; only the newest minor is supported).
     */
    externalSecrets: {
        chart: "external-secrets",
        version: "2.7.0",
        repo: "https://charts.external-secrets.io",
        namespace: "external-secrets",
        /** The webhook container's port (the chart's webhook.port). */
        webhookPort: 10250,
    },
    loadBalancerController: {
        chart: "aws-load-balancer-controller",
        version: "1.13.0",
        repo: "https://aws.github.io/eks-charts",
        namespace: "kube-system",
        serviceAccount: "aws-load-balancer-controller",
    },
    /** Cluster Autoscaler: the chart is Kubernetes-agnostic; the image is the cluster's minor (eks-versions.ts). */
    clusterAutoscaler: {
        chart: "cluster-autoscaler",
        version: "9.59.0",
        repo: "https://kubernetes.github.io/autoscaler",
        namespace: "kube-system",
        serviceAccount: "cluster-autoscaler",
        image: "registry.k8s.io/autoscaling/cluster-autoscaler",
    },
    /** cert-manager 1.21 supports Kubernetes 1.33 to 1.36 (cert-manager.io/docs/releases). */
    certManager: {
        chart: "cert-manager",
        version: "v1.21.2",
        repo: "https://charts.jetstack.io",
        namespace: "cert-manager",
        webhookPort: 10250,
    },
} as const;

const small: ContainerSize = { cpuMillis: 50, memoryMiB: 64 };

/** Each controller's pods, by environment size (two replicas where the environment is Multi-AZ). */
export function controllerFootprints(multiAz: boolean): Record<string, ControllerFootprint> {
    const ha = multiAz ? 2 : 1;
    return {
        loadBalancerController: { replicas: 2, containers: [{ cpuMillis: 100, memoryMiB: 128 }] },
        externalSecrets: { replicas: ha, containers: [small] },
        externalSecretsWebhook: { replicas: 1, containers: [small] },
        externalSecretsCertController: { replicas: 1, containers: [small] },
        // The autoscaler's documented starting size (cluster-autoscaler FAQ: 100m / 300Mi up to ~100 nodes).
        clusterAutoscaler: { replicas: 1, containers: [{ cpuMillis: 100, memoryMiB: 300 }] },
        certManager: { replicas: 1, containers: [{ cpuMillis: 25, memoryMiB: 64 }] },
        certManagerWebhook: { replicas: 1, containers: [{ cpuMillis: 25, memoryMiB: 64 }] },
        certManagerCainjector: { replicas: 1, containers: [{ cpuMillis: 25, memoryMiB: 128 }] },
    };
}

/** Container hardening the restricted Pod Security level demands, for charts that take it as one value. */
export const restrictedContainer = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

/** The Load Balancer Controller's values. */
export function loadBalancerControllerValues(p: { clusterName: unknown; region: string; vpcId: unknown; roleArn: unknown }) {
    const f = controllerFootprints(true).loadBalancerController;
    return {
        clusterName: p.clusterName,
        region: p.region,
        vpcId: p.vpcId,
        replicaCount: f.replicas,
        resources: resourcesOf(f.containers[0]),
        serviceAccount: {
            create: true,
            name: controllerCharts.loadBalancerController.serviceAccount,
            annotations: { "eks.amazonaws.com/role-arn": p.roleArn },
        },
    };
}

/** External Secrets Operator's values: the operator, its webhook and its certificate controller, each sized. */
export function externalSecretsValues(multiAz: boolean) {
    const f = controllerFootprints(multiAz);
    return {
        installCRDs: true,
        replicaCount: f.externalSecrets.replicas,
        resources: resourcesOf(f.externalSecrets.containers[0]),
        webhook: { port: controllerCharts.externalSecrets.webhookPort, resources: resourcesOf(f.externalSecretsWebhook.containers[0]) },
        certController: { resources: resourcesOf(f.externalSecretsCertController.containers[0]) },
    };
}

/** cert-manager's values: CRDs with the chart, each component sized and hardened. */
export function certManagerValues() {
    const f = controllerFootprints(false);
    return {
        crds: { enabled: true },
        resources: resourcesOf(f.certManager.containers[0]),
        webhook: { resources: resourcesOf(f.certManagerWebhook.containers[0]), securePort: controllerCharts.certManager.webhookPort },
        cainjector: { resources: resourcesOf(f.certManagerCainjector.containers[0]) },
        containerSecurityContext: restrictedContainer,
    };
}

/**
 * Cluster Autoscaler on AWS with auto-discovery: EKS tags every managed node group's Auto Scaling group with
 * `k8s.io/cluster-autoscaler/enabled` and `k8s.io/cluster-autoscaler/<cluster>`
 * (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html), so the autoscaler finds the node
 * group and scales it between its minimum and maximum. Similar node groups are balanced across zones; system pods
 * (which sit in kube-system) do not pin a node.
 */
export function clusterAutoscalerValues(p: { clusterName: unknown; region: string; roleArn: unknown; imageTag: string }) {
    const ca = controllerCharts.clusterAutoscaler;
    const f = controllerFootprints(false).clusterAutoscaler;
    return {
        cloudProvider: "aws",
        awsRegion: p.region,
        autoDiscovery: { clusterName: p.clusterName },
        image: { repository: ca.image, tag: p.imageTag },
        replicaCount: f.replicas,
        resources: resourcesOf(f.containers[0]),
        extraArgs: {
            "balance-similar-node-groups": true,
            "skip-nodes-with-system-pods": false,
            expander: "least-waste",
        },
        rbac: {
            serviceAccount: { create: true, name: ca.serviceAccount, annotations: { "eks.amazonaws.com/role-arn": p.roleArn } },
        },
        securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
        containerSecurityContext: restrictedContainer,
    };
}

/**
 * What Cluster Autoscaler may do (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md, the
 * recommended policy): read the Auto Scaling groups, launch templates and instance types; describe this cluster's
 * node groups; and change the size of, or terminate instances in, only the groups tagged as this cluster's.
 */
export function clusterAutoscalerPolicy(p: { partition: string; region: string; accountId: string; clusterName: string }) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DiscoverNodeGroups",
                Effect: "Allow",
                Action: [
                    "autoscaling:DescribeAutoScalingGroups",
                    "autoscaling:DescribeAutoScalingInstances",
                    "autoscaling:DescribeLaunchConfigurations",
                    "autoscaling:DescribeScalingActivities",
                    "autoscaling:DescribeTags",
                    "ec2:DescribeImages",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeLaunchTemplateVersions",
                    "ec2:GetInstanceTypesFromInstanceRequirements",
                ],
                Resource: "*",
            },
            {
                Sid: "DescribeThisClustersNodeGroups",
                Effect: "Allow",
                Action: "eks:DescribeNodegroup",
                Resource: `arn:${p.partition}:eks:${p.region}:${p.accountId}:nodegroup/${p.clusterName}/*/*`,
            },
            {
                Sid: "ScaleThisClustersNodeGroups",
                Effect: "Allow",
                Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                Resource: "*",
                Condition: {
                    StringEquals: {
                        [`aws:ResourceTag/k8s.io/cluster-autoscaler/${p.clusterName}`]: "owned",
                        "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
                    },
                },
            },
        ],
    };
}
