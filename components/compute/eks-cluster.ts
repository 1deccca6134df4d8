import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComputeConfig } from "../config/schema/compute";
import { pinnedRelease } from "../cluster/pinned-release";
import { irsaRole } from "../cluster/secret-sync";
import { PlatformContext } from "../context";
import { logGroup, serviceLogGroupNames } from "../audit/log-groups";
import { attachPolicy } from "../security/iam";
import { serviceTrustPolicy } from "../security/trust-policies";
import { loadBalancerControllerPolicy } from "./lb-controller-policy";
import { AddonName, versionPins } from "./eks-versions";
import {
    certManagerValues,
    clusterAutoscalerPolicy,
    clusterAutoscalerValues,
    controllerCharts,
    externalSecretsValues,
    loadBalancerControllerValues,
} from "./cluster-controllers";
import { fencedNamespace } from "./namespaces";
import { maxNodes } from "./capacity";
import { standardLabels } from "./labels";
import { clusterAccess } from "./access-entries";
import { GHCR_PREFIX, ghcrFirstPullStatement } from "./ghcr";

/**
 * The VPC CNI's settings (the add-on's configuration schema, `aws eks describe-addon-configuration --addon-name
 * vpc-cni`): its network policy agent enforces the NetworkPolicies, which otherwise nothing does
 * (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html); pod ENIs give the pods that
 * reach a data store their own security groups (SecurityGroupPolicy), in `standard` mode so NetworkPolicies keep
 * governing pod-to-pod traffic; kubelet probes reach pods on branch interfaces only without TCP early demux
 * (https://docs.aws.amazon.com/eks/latest/userguide/security-groups-pods-deployment.html).
 */
export function vpcCniConfiguration() {
    return {
        enableNetworkPolicy: "true",
        env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" },
        init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } },
    };
}

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
    vpcId: pulumi.Input<string>;
    /** The VPC block: the control plane calls admission webhooks from its interfaces in it. */
    vpcCidr: string;
    accountId: pulumi.Input<string>;
    /** Envelope-encrypts Kubernetes secrets. */
    clusterKeyArn: pulumi.Input<string>;
    /** Encrypts the control-plane log group. */
    logsKeyArn: pulumi.Input<string>;
    /** Encrypts the nodes' volumes (the data key: pods' caches, logs and emptyDirs can hold PHI). */
    nodeVolumeKeyArn: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** The in-VPC CI runner's security group: the cluster security group admits it on 443. */
    deployerSecurityGroupId?: pulumi.Input<string>;
    /** Kubernetes version, nodes, public endpoint CIDRs (`careplane:compute`). */
    config: ComputeConfig;
    /** The workloads' namespace: the operator role edits there. */
    workloadsNamespace: string;
    /** Whether the environment runs across AZs: the cluster's controllers then run two replicas. */
    multiAz: boolean;
    /** A pilot light's: the nodes it runs while its services are at 0 (standbyNodes); the configured count otherwise. */
    standbyNodes?: number;
    /** Whether a service's image comes from GHCR: the nodes may then have ECR fetch it through the pull-through cache. */
    pullsFromGhcr?: boolean;
    /**
     * Whether the business-hours schedule scales the nodes (careplane:uptime): it then owns the group's minimum and
     * desired size, which Pulumi leaves as it finds them, so an off-hours `pulumi up --refresh` keeps them at zero.
     */
    businessHours?: boolean;
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
    /** The group EKS puts on the nodes and control-plane interfaces; pods with their own groups carry it too. */
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
    /** Every Kubernetes object and release depends on this: the controller whose webhook intercepts new Services. */
    readonly admissionReady: pulumi.Resource;
    /** Certificate and Issuer objects need its CRDs and webhook first. */
    readonly certManager: k8s.helm.v3.Release;
    /** The control plane's logs (API server audit log, authenticator, ...): audit records to archive. */
    readonly controlPlaneLogGroup: aws.cloudwatch.LogGroup;
    /** The managed node group, and the node count it runs in business hours (the business-hours schedule restores it). */
    readonly nodeGroup: { name: pulumi.Output<string>; arn: pulumi.Output<string>; count: number };

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:compute:EksCluster", name, {}, opts);
        const ctx = args.context;
        const cfg = args.config;
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
        // The VPC resource controller attaches the trunk and branch interfaces security groups for pods run on.
        const clusterPolicies = ["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"].map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    policy === "AmazonEKSClusterPolicy" ? `${name}-cluster` : `${name}-cluster-${policy}`,
                    { role: clusterRole.name, policyArn: managedPolicy(policy) },
                    child,
                ),
        );
        // EKS checks the role's permissions when it creates the cluster (the key policy's grants included).
        clusterPolicies.push(
            attachPolicy(
                `${name}-cluster-key`,
                ctx,
                clusterRole,
                "EKS control plane: envelope-encrypts secrets with the cluster key",
                pulumi.output(args.clusterKeyArn).apply((keyArn) => JSON.stringify(clusterKeyPolicy(keyArn))),
                child,
            ),
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
                deletionProtection: ctx.deletionProtection,
                tags: ctx.tags("confidential", { Name: clusterName }),
            },
            { parent: this, dependsOn: [controlPlaneLogs, ...clusterPolicies] },
        );
        this.clusterName = cluster.name;
        this.endpoint = cluster.endpoint;
        this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
        const { ready: access, operatorRole } = clusterAccess(
            `${name}-access`,
            {
                context: ctx,
                clusterName: cluster.name,
                clusterArn: cluster.arn,
                accountId: args.accountId,
                partition: args.partition,
                workloadsNamespace: args.workloadsNamespace,
            },
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

        const serviceAccountRole = (suffix: string, namespace: string, serviceAccount: string) =>
            irsaRole(
                `${name}-${suffix}`,
                {
                    cluster: { oidcProviderArn: oidc.arn, oidcIssuerHost: this.oidcIssuerHost },
                    namespace,
                    serviceAccount,
                    role: { description: `IRSA: ${namespace}/${serviceAccount}`, tags: ctx.tags("internal") },
                },
                child,
            );
        /** An add-on's IRSA role with its AWS managed policy: the add-on waits for the attachment, or its pods crash-loop until IAM catches up. */
        const addonRole = (suffix: string, serviceAccount: string, managed: string) => {
            const role = serviceAccountRole(suffix, "kube-system", serviceAccount);
            const attachment = new aws.iam.RolePolicyAttachment(
                `${name}-${suffix}`,
                { role: role.name, policyArn: managedPolicy(managed) },
                child,
            );
            return { role, attachment };
        };
        const cni = addonRole("vpc-cni", "aws-node", "AmazonEKS_CNI_Policy");
        const ebs = addonRole("ebs-csi", "ebs-csi-controller-sa", "service-role/AmazonEBSCSIDriverPolicy");

        const versions = versionPins[cfg.kubernetesVersion].addons;
        const addon = (addonName: AddonName, extra: Partial<aws.eks.AddonArgs>, dependsOn: pulumi.Resource[] = []) =>
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
        const networkAddons = [
            addon("vpc-cni", { serviceAccountRoleArn: cni.role.arn, configurationValues: JSON.stringify(vpcCniConfiguration()) }, [
                cni.attachment,
            ]),
            addon("kube-proxy", {}),
        ];

        const nodeRole = new aws.iam.Role(
            `${name}-nodes`,
            {
                description: "EKS managed nodes",
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")),
                tags: ctx.tags("internal"),
            },
            child,
        );
        // Nodes join with these or never: the node group waits for them.
        const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"].map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-nodes-${policy}`,
                    { role: nodeRole.name, policyArn: managedPolicy(policy) },
                    child,
                ),
        );
        if (args.pullsFromGhcr) {
            nodePolicies.push(
                attachPolicy(
                    `${name}-nodes-pull-through-cache`,
                    ctx,
                    nodeRole,
                    `EKS nodes: pull ${GHCR_PREFIX}/ images ECR does not hold yet`,
                    pulumi.all([args.partition, args.accountId]).apply(([partition, accountId]) =>
                        JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [ghcrFirstPullStatement({ partition, region: ctx.region, accountId })],
                        }),
                    ),
                    child,
                ),
            );
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
                // The cluster security group alone: no data store admits it (pods that need one get their own groups).
                vpcSecurityGroupIds: [cluster.vpcConfig.clusterSecurityGroupId],
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
                // The cluster's version, so an upgrade of the control plane rolls the nodes onto it in the next update
                // (without it the provider neither detects nor closes the skew).
                version: cluster.version,
                amiType: "AL2023_x86_64_STANDARD",
                capacityType: "ON_DEMAND",
                instanceTypes: [nodes.instanceType],
                scalingConfig: {
                    desiredSize: args.standbyNodes ?? nodes.count,
                    minSize: args.standbyNodes ?? nodes.count,
                    maxSize: maxNodes(nodes),
                },
                updateConfig: { maxUnavailable: 1 },
                launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
                tags: ctx.tags("internal"),
            },
            {
                parent: this,
                dependsOn: [...networkAddons, ...nodePolicies],
                // The cluster autoscaler moves desiredSize between min and max; set back on the next refreshed update, it
                // would drain the nodes the autoscaler added. Business hours move minSize too.
                ignoreChanges: args.businessHours ? ["scalingConfig.minSize", "scalingConfig.desiredSize"] : ["scalingConfig.desiredSize"],
            },
        );
        this.nodeGroup = { name: nodeGroup.nodeGroupName, arn: nodeGroup.arn, count: nodes.count };
        // Cluster DNS first: the controllers below resolve AWS endpoints through it.
        const coredns = addon("coredns", {}, [nodeGroup]);
        addon("aws-ebs-csi-driver", { serviceAccountRoleArn: ebs.role.arn }, [nodeGroup, ebs.attachment]);

        this.kubeconfig = pulumi.secret(
            pulumi
                .all([cluster.name, cluster.endpoint, cluster.certificateAuthority])
                .apply(([clusterName, endpoint, ca]) =>
                    JSON.stringify(kubeconfigDocument({ clusterName, endpoint, certificateAuthority: ca.data ?? "", region: ctx.region })),
                ),
        );
        this.kubernetesProvider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: this.kubeconfig, enableServerSideApply: true, deleteUnreachable: false },
            // The deploy role's access entry and the runner's way to the API come first.
            { parent: this, dependsOn: [nodeGroup, ...access] },
        );
        const k8sOpts = { parent: this, provider: this.kubernetesProvider };
        // Helm waits for every pod (atomic implies wait), Pulumi awaits the release, jobs included.
        const lbc = controllerCharts.loadBalancerController;
        const lbcRole = serviceAccountRole("lb-controller", lbc.namespace, lbc.serviceAccount);
        const lbcPolicy = attachPolicy(
            `${name}-lb-controller`,
            ctx,
            lbcRole,
            "AWS Load Balancer Controller: manages the load balancers it tagged",
            pulumi.output(args.partition).apply((p) => JSON.stringify(loadBalancerControllerPolicy(p))),
            child,
        );
        this.loadBalancerController = pinnedRelease(
            `${name}-lb-controller`,
            {
                releaseName: "aws-load-balancer-controller",
                chart: lbc,
                namespace: lbc.namespace,
                settle: "controller",
                values: loadBalancerControllerValues({
                    clusterName: cluster.name,
                    region: ctx.region,
                    vpcId: args.vpcId,
                    roleArn: lbcRole.arn,
                }),
            },
            { ...k8sOpts, dependsOn: [coredns, lbcPolicy] },
        );
        // Its mutating webhook intercepts every new Service: everything else in the cluster comes after it.
        const afterAdmission = [this.loadBalancerController];
        this.admissionReady = this.loadBalancerController;

        const controllerNamespace = (id: string, nsName: string, webhookPort: number) =>
            fencedNamespace(
                `${name}-${id}-namespace`,
                {
                    name: nsName,
                    level: "restricted",
                    kubernetesVersion: cfg.kubernetesVersion,
                    labels: standardLabels(ctx, "internal", { "app.kubernetes.io/component": id }),
                    webhookPorts: [webhookPort],
                    vpcCidr: args.vpcCidr,
                },
                { ...k8sOpts, dependsOn: afterAdmission },
            );

        const eso = controllerCharts.externalSecrets;
        const esoNamespace = controllerNamespace("external-secrets", eso.namespace, eso.webhookPort);
        this.externalSecretsOperator = pinnedRelease(
            `${name}-external-secrets`,
            {
                releaseName: "external-secrets",
                chart: eso,
                namespace: esoNamespace.namespace.metadata.name,
                namespaceExists: true,
                settle: "controller",
                values: externalSecretsValues(args.multiAz),
            },
            { ...k8sOpts, dependsOn: [...afterAdmission, esoNamespace.namespace, ...esoNamespace.fence] },
        );

        const cm = controllerCharts.certManager;
        const cmNamespace = controllerNamespace("cert-manager", cm.namespace, cm.webhookPort);
        this.certManager = pinnedRelease(
            `${name}-cert-manager`,
            {
                releaseName: "cert-manager",
                chart: cm,
                namespace: cmNamespace.namespace.metadata.name,
                namespaceExists: true,
                settle: "controller",
                values: certManagerValues(),
            },
            { ...k8sOpts, dependsOn: [...afterAdmission, cmNamespace.namespace, ...cmNamespace.fence] },
        );

        const ca = controllerCharts.clusterAutoscaler;
        const caRole = serviceAccountRole("cluster-autoscaler", ca.namespace, ca.serviceAccount);
        const caPolicy = attachPolicy(
            `${name}-cluster-autoscaler`,
            ctx,
            caRole,
            "Cluster Autoscaler: resizes this cluster's node groups only",
            pulumi
                .all([args.partition, args.accountId, cluster.name])
                .apply(([partition, accountId, clusterName]) =>
                    JSON.stringify(clusterAutoscalerPolicy({ partition, accountId, clusterName, region: ctx.region })),
                ),
            child,
        );
        pinnedRelease(
            `${name}-cluster-autoscaler`,
            {
                releaseName: "cluster-autoscaler",
                chart: ca,
                namespace: ca.namespace,
                settle: "controller",
                values: clusterAutoscalerValues({
                    clusterName: cluster.name,
                    region: ctx.region,
                    roleArn: caRole.arn,
                    imageTag: versionPins[cfg.kubernetesVersion].clusterAutoscalerImage,
                }),
            },
            { ...k8sOpts, dependsOn: [...afterAdmission, caPolicy] },
        );
        // The HPAs read CPU and memory through the metrics API it serves; its Service comes after the webhook too.
        addon("metrics-server", {}, [nodeGroup, ...afterAdmission]);

        this.registerOutputs({
            clusterName: this.clusterName,
            endpoint: this.endpoint,
            oidcProviderArn: this.oidcProviderArn,
            nodeRoleArn: this.nodeRoleArn,
            kubeconfig: this.kubeconfig,
        });
    }
}
