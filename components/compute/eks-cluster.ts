import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { logGroup, serviceLogGroupNames } from "../audit/log-groups";
import { attachPolicy } from "../security/iam";
import { serviceAccountTrustPolicy, serviceTrustPolicy } from "../security/trust-policies";
import { loadBalancerControllerPolicy } from "./lb-controller-policy";
import { clusterAccess } from "./access-entries";
import { kubernetesVersions } from "../config/schema/compute";

type KubernetesVersion = (typeof kubernetesVersions)[number];

/**
 * Core add-ons, pinned per Kubernetes version so an upgrade is a reviewed diff, never a surprise.
 * Bump with `aws eks describe-addon-versions --kubernetes-version <v> --addon-name <name>`.
 */
export const addonVersions: Record<KubernetesVersion, Record<"vpc-cni" | "kube-proxy" | "coredns" | "aws-ebs-csi-driver", string>> = {
    "1.31": {
        "vpc-cni": "v1.19.2-eksbuild.1",
        "kube-proxy": "v1.31.3-eksbuild.2",
        coredns: "v1.11.3-eksbuild.2",
        "aws-ebs-csi-driver": "v1.38.1-eksbuild.2",
    },
    "1.32": {
        "vpc-cni": "v1.19.2-eksbuild.1",
        "kube-proxy": "v1.32.0-eksbuild.2",
        coredns: "v1.11.4-eksbuild.2",
        "aws-ebs-csi-driver": "v1.38.1-eksbuild.2",
    },
    "1.33": {
        "vpc-cni": "v1.19.5-eksbuild.1",
        "kube-proxy": "v1.33.0-eksbuild.2",
        coredns: "v1.12.1-eksbuild.2",
        "aws-ebs-csi-driver": "v1.44.0-eksbuild.1",
    },
};

/** Cluster controllers, each from a pinned Helm chart. */
export const controllerCharts = {
    /**
     * External Secrets Operator rather than the Secrets Store CSI driver: pods keep reading
     * secrets as environment variables [000, 003], each service's SecretStore authenticates as
     * that service's own IRSA role, rotation reaches pods by refresh, and no privileged
     * hostPath DaemonSet runs on the nodes. The synced Secrets sit in etcd envelope-encrypted
     * with the cluster key.
     */
    externalSecrets: {
        chart: "external-secrets",
        version: "0.19.2",
        repo: "https://charts.external-secrets.io",
        namespace: "external-secrets",
    },
    loadBalancerController: {
        chart: "aws-load-balancer-controller",
        version: "1.13.0",
        repo: "https://aws.github.io/eks-charts",
        namespace: "kube-system",
        serviceAccount: "aws-load-balancer-controller",
    },
};

/** Every control-plane log type EKS can ship. */
export const controlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** The control plane's use of the cluster key (envelope encryption of Kubernetes secrets), and of no other key. */
export function clusterKeyPolicy(clusterKeyArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants"],
                Resource: clusterKeyArn,
            },
        ],
    };
}

export interface KubeconfigInput {
    clusterName: string;
    endpoint: string;
    certificateAuthority: string;
    region: string;
}

/** A kubeconfig that authenticates with short-lived `aws eks get-token` tokens, never a stored credential. */
export function kubeconfigDocument(k: KubeconfigInput) {
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: k.clusterName, cluster: { server: k.endpoint, "certificate-authority-data": k.certificateAuthority } }],
        contexts: [{ name: k.clusterName, context: { cluster: k.clusterName, user: k.clusterName } }],
        "current-context": k.clusterName,
        users: [
            {
                name: k.clusterName,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["eks", "get-token", "--cluster-name", k.clusterName, "--region", k.region, "--output", "json"],
                    },
                },
            },
        ],
    };
}

export interface EksClusterArgs {
    context: PlatformContext;
    /** Private app-tier subnets: the control plane's network interfaces and the nodes live here. */
    appSubnetIds: pulumi.Input<string>[];
    /** The network's app security group: data stores admit it, so every node carries it. */
    appSecurityGroupId: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    /** Envelope-encrypts Kubernetes secrets. */
    clusterKeyArn: pulumi.Input<string>;
    /** Encrypts the control-plane log group. */
    logsKeyArn: pulumi.Input<string>;
    /** Encrypts the nodes' volumes (the data key: pods' caches, logs and emptyDirs can hold PHI). */
    nodeVolumeKeyArn: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    /** The in-VPC CI runner's security group: the cluster security group admits it on 443. */
    deployerSecurityGroupId?: pulumi.Input<string>;
}

/**
 * An EKS cluster built from @pulumi/aws primitives (so the offline preview and the policies see
 * every part): private API endpoint, KMS envelope encryption of secrets, all control-plane logs,
 * IMDSv2-only managed nodes on encrypted volumes, IRSA, pinned core add-ons, and a Kubernetes
 * provider for the workloads.
 */
export class EksCluster extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    readonly oidcProviderArn: pulumi.Output<string>;
    /** The OIDC issuer without `https://`, as IAM condition keys spell it. */
    readonly oidcIssuerHost: pulumi.Output<string>;
    readonly nodeRoleArn: pulumi.Output<string>;
    /** The security group EKS creates for the control plane and the nodes. */
    readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** On-call operators' MFA role (kubectl through its access entry). */
    readonly operatorRole: aws.iam.Role;
    /** Secret: endpoint, CA and the `aws eks get-token` exec hook. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Deploys into this cluster; the workloads and monitoring components take it. */
    readonly kubernetesProvider: k8s.Provider;
    /** ExternalSecret and SecretStore objects need its CRDs first. */
    readonly externalSecretsOperator: k8s.helm.v3.Release;
    /** Ingresses need its webhook and IngressClass first. */
    readonly loadBalancerController: k8s.helm.v3.Release;
    /** The control plane's logs (API server audit log, authenticator, ...): audit records to archive. */
    readonly controlPlaneLogGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:compute:EksCluster", name, {}, opts);
        const ctx = args.context;
        const cfg = ctx.config.compute;
        const child = { parent: this };
        const clusterName = ctx.name("eks");
        const managedPolicy = (policy: string) => pulumi.interpolate`arn:${args.partition}:iam::aws:policy/${policy}`;

        // EKS writes to this exact name; creating it first sets retention and the key.
        const controlPlaneLogs = logGroup(
            `${name}-control-plane`,
            { context: ctx, name: serviceLogGroupNames.eksCluster(clusterName), logClass: "audit", logsKeyArn: args.logsKeyArn },
            child,
        );
        this.controlPlaneLogGroup = controlPlaneLogs;

        const clusterRole = new aws.iam.Role(
            `${name}-cluster`,
            {
                description: "EKS control plane",
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("eks.amazonaws.com")),
                tags: ctx.tags("internal"),
            },
            child,
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-cluster`,
            { role: clusterRole.name, policyArn: managedPolicy("AmazonEKSClusterPolicy") },
            child,
        );
        attachPolicy(
            `${name}-cluster-key`,
            ctx,
            clusterRole,
            "EKS control plane: envelope-encrypts secrets with the cluster key",
            pulumi.output(args.clusterKeyArn).apply((keyArn) => JSON.stringify(clusterKeyPolicy(keyArn))),
            child,
        );

        const publicCidrs = cfg.publicEndpointCidrs;
        const cluster = new aws.eks.Cluster(
            name,
            {
                name: clusterName,
                version: cfg.kubernetesVersion,
                roleArn: clusterRole.arn,
                vpcConfig: {
                    subnetIds: args.appSubnetIds,
                    endpointPrivateAccess: true,
                    endpointPublicAccess: publicCidrs.length > 0,
                    ...(publicCidrs.length > 0 ? { publicAccessCidrs: publicCidrs } : {}),
                },
                encryptionConfig: { resources: ["secrets"], provider: { keyArn: args.clusterKeyArn } },
                enabledClusterLogTypes: controlPlaneLogTypes,
                // Access entries only (access-entries.ts); the creator (the deploy role) gets its entry there.
                accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
                // Every core add-on is installed below as a pinned managed add-on instead.
                bootstrapSelfManagedAddons: false,
                upgradePolicy: { supportType: "STANDARD" },
                deletionProtection: ctx.config.profile.deletionProtection,
                tags: ctx.tags("confidential", { Name: clusterName }),
            },
            { parent: this, dependsOn: [controlPlaneLogs] },
        );
        this.clusterName = cluster.name;
        this.endpoint = cluster.endpoint;
        this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
        const { ready: access, operatorRole } = clusterAccess(
            `${name}-access`,
            { context: ctx, clusterName: cluster.name, clusterArn: cluster.arn, accountId: args.accountId, partition: args.partition },
            child,
        );
        this.operatorRole = operatorRole;
        if (args.deployerSecurityGroupId) {
            access.push(
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-api-from-ci-runner`,
                    {
                        securityGroupId: this.clusterSecurityGroupId,
                        referencedSecurityGroupId: args.deployerSecurityGroupId,
                        ipProtocol: "tcp",
                        fromPort: 443,
                        toPort: 443,
                        description: "The Kubernetes API from the in-VPC CI runner",
                        tags: ctx.tags("internal"),
                    },
                    child,
                ),
            );
        }

        const issuer = cluster.identities.apply((ids) => ids[0].oidcs[0].issuer);
        const oidc = new aws.iam.OpenIdConnectProvider(
            `${name}-oidc`,
            { url: issuer, clientIdLists: ["sts.amazonaws.com"], tags: ctx.tags("internal") },
            child,
        );
        this.oidcProviderArn = oidc.arn;
        this.oidcIssuerHost = issuer.apply((url) => url.replace(/^https:\/\//, ""));

        const serviceAccountRole = (suffix: string, namespace: string, serviceAccount: string, managed?: string) => {
            const role = new aws.iam.Role(
                `${name}-${suffix}`,
                {
                    description: `IRSA: ${namespace}/${serviceAccount}`,
                    assumeRolePolicy: pulumi
                        .all([oidc.arn, this.oidcIssuerHost])
                        .apply(([oidcProviderArn, issuerHost]) =>
                            JSON.stringify(serviceAccountTrustPolicy({ oidcProviderArn, issuerHost, namespace, serviceAccount })),
                        ),
                    tags: ctx.tags("internal"),
                },
                child,
            );
            if (managed)
                new aws.iam.RolePolicyAttachment(`${name}-${suffix}`, { role: role.name, policyArn: managedPolicy(managed) }, child);
            return role;
        };
        const cniRole = serviceAccountRole("vpc-cni", "kube-system", "aws-node", "AmazonEKS_CNI_Policy");
        const ebsRole = serviceAccountRole("ebs-csi", "kube-system", "ebs-csi-controller-sa", "service-role/AmazonEBSCSIDriverPolicy");

        const versions = addonVersions[cfg.kubernetesVersion];
        const addon = (addonName: keyof typeof versions, extra: Partial<aws.eks.AddonArgs>, dependsOn: pulumi.Resource[] = []) =>
            new aws.eks.Addon(
                `${name}-${addonName}`,
                {
                    clusterName: cluster.name,
                    addonName,
                    addonVersion: versions[addonName],
                    resolveConflictsOnCreate: "OVERWRITE",
                    resolveConflictsOnUpdate: "PRESERVE",
                    tags: ctx.tags("internal"),
                    ...extra,
                },
                { parent: this, dependsOn },
            );
        // The network add-ons must exist before nodes can turn Ready; the others need nodes to run on.
        const networkAddons = [addon("vpc-cni", { serviceAccountRoleArn: cniRole.arn }), addon("kube-proxy", {})];

        const nodeRole = new aws.iam.Role(
            `${name}-nodes`,
            {
                description: "EKS managed nodes",
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")),
                tags: ctx.tags("internal"),
            },
            child,
        );
        for (const policy of ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"]) {
            new aws.iam.RolePolicyAttachment(`${name}-nodes-${policy}`, { role: nodeRole.name, policyArn: managedPolicy(policy) }, child);
        }
        this.nodeRoleArn = nodeRole.arn;

        const nodes = cfg.nodes;
        const nodeTags = ctx.tags("phi", { Name: ctx.name("eks-node") });
        const launchTemplate = new aws.ec2.LaunchTemplate(
            `${name}-nodes`,
            {
                description: "EKS nodes: IMDSv2 only, gp3 root volume encrypted with the data key",
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    // One hop: pods cannot reach the node's credentials; they use IRSA instead.
                    httpPutResponseHopLimit: 1,
                },
                blockDeviceMappings: [
                    {
                        deviceName: "/dev/xvda",
                        ebs: {
                            encrypted: "true",
                            kmsKeyId: args.nodeVolumeKeyArn,
                            volumeSize: nodes.volumeSizeGb,
                            volumeType: "gp3",
                            deleteOnTermination: "true",
                        },
                    },
                ],
                vpcSecurityGroupIds: [cluster.vpcConfig.clusterSecurityGroupId, args.appSecurityGroupId],
                tagSpecifications: [
                    { resourceType: "instance", tags: nodeTags },
                    { resourceType: "volume", tags: nodeTags },
                ],
                updateDefaultVersion: true,
                tags: ctx.tags("internal"),
            },
            child,
        );

        const nodeGroup = new aws.eks.NodeGroup(
            `${name}-nodes`,
            {
                clusterName: cluster.name,
                nodeRoleArn: nodeRole.arn,
                subnetIds: args.appSubnetIds,
                amiType: "AL2023_x86_64_STANDARD",
                capacityType: "ON_DEMAND",
                instanceTypes: [nodes.instanceType],
                scalingConfig: { desiredSize: nodes.count, minSize: nodes.count, maxSize: nodes.maxCount ?? nodes.count * 2 },
                updateConfig: { maxUnavailable: 1 },
                launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
                tags: ctx.tags("internal"),
            },
            { parent: this, dependsOn: networkAddons },
        );
        addon("coredns", {}, [nodeGroup]);
        addon("aws-ebs-csi-driver", { serviceAccountRoleArn: ebsRole.arn }, [nodeGroup]);

        this.kubeconfig = pulumi.secret(
            pulumi
                .all([cluster.name, cluster.endpoint, cluster.certificateAuthority])
                .apply(([clusterName, endpoint, ca]) =>
                    JSON.stringify(
                        kubeconfigDocument({ clusterName, endpoint, certificateAuthority: ca.data ?? "", region: ctx.config.region }),
                    ),
                ),
        );
        this.kubernetesProvider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: this.kubeconfig, enableServerSideApply: true, deleteUnreachable: false },
            // The deploy role's access entry and the runner's way to the API come first.
            { parent: this, dependsOn: [nodeGroup, ...access] },
        );

        const k8sOpts = { parent: this, provider: this.kubernetesProvider };
        const eso = controllerCharts.externalSecrets;
        this.externalSecretsOperator = new k8s.helm.v3.Release(
            `${name}-external-secrets`,
            {
                name: "external-secrets",
                chart: eso.chart,
                version: eso.version,
                repositoryOpts: { repo: eso.repo },
                namespace: eso.namespace,
                createNamespace: true,
                atomic: true,
                values: { installCRDs: true, replicaCount: ctx.isProd ? 2 : 1 },
            },
            k8sOpts,
        );

        const lbc = controllerCharts.loadBalancerController;
        const lbcRole = serviceAccountRole("lb-controller", lbc.namespace, lbc.serviceAccount);
        attachPolicy(
            `${name}-lb-controller`,
            ctx,
            lbcRole,
            "AWS Load Balancer Controller: manages the load balancers it tagged",
            pulumi.output(args.partition).apply((p) => JSON.stringify(loadBalancerControllerPolicy(p))),
            child,
        );
        this.loadBalancerController = new k8s.helm.v3.Release(
            `${name}-lb-controller`,
            {
                name: "aws-load-balancer-controller",
                chart: lbc.chart,
                version: lbc.version,
                repositoryOpts: { repo: lbc.repo },
                namespace: lbc.namespace,
                atomic: true,
                values: {
                    clusterName: cluster.name,
                    region: ctx.config.region,
                    vpcId: args.vpcId,
                    replicaCount: 2,
                    serviceAccount: { create: true, name: lbc.serviceAccount, annotations: { "eks.amazonaws.com/role-arn": lbcRole.arn } },
                },
            },
            k8sOpts,
        );

        this.registerOutputs({
            clusterName: this.clusterName,
            endpoint: this.endpoint,
            oidcProviderArn: this.oidcProviderArn,
            nodeRoleArn: this.nodeRoleArn,
            kubeconfig: this.kubeconfig,
        });
    }
}
