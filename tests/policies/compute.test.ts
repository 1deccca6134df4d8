import { amend, aws, Fixture, patch, res, specControl } from "../support/controls";

const EKS = "aws:eks/cluster:Cluster";
const cluster = aws(EKS, "cluster", {
    roleArn: "arn:role",
    vpcConfig: { subnetIds: ["a", "b"], endpointPrivateAccess: true, endpointPublicAccess: false },
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/cluster" } },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
});

specControl("careplane-eks-private-endpoint", {
    passes: [
        { it: "a private endpoint only", fixtures: [cluster] },
        {
            it: "a public endpoint in dev limited to an allowlist",
            fixtures: [
                aws(
                    EKS,
                    "cluster",
                    { vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } },
                    {},
                    "dev",
                ),
            ],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "a public endpoint in prod",
            fixtures: patch([cluster], "cluster", {
                vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
            }),
            message:
                "cluster (aws:eks/cluster:Cluster): the API endpoint is public; expected vpcConfig.endpointPublicAccess: false in prod",
        },
        {
            it: "a public endpoint open to the world in dev",
            fixtures: [aws(EKS, "cluster", { vpcConfig: { endpointPrivateAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }, {}, "dev")],
            environment: "dev",
            message: "the public API endpoint admits 0.0.0.0/0",
        },
        {
            it: "no private endpoint",
            fixtures: patch([cluster], "cluster", { vpcConfig: { endpointPublicAccess: false } }),
            message: "the private API endpoint is off",
        },
    ],
});

const ADDON = "aws:eks/addon:Addon";
const other = aws(EKS, "other", {});
const cni = (configurationValues?: string) =>
    aws(
        ADDON,
        "vpc-cni",
        { addonName: "vpc-cni", addonVersion: "v1.22.4-eksbuild.3", ...(configurationValues ? { configurationValues } : {}) },
        { clusterName: cluster },
    );
specControl("careplane-eks-network-policy-enforced", {
    passes: [
        {
            it: "the vpc-cni add-on with its network policy agent",
            fixtures: [cluster, cni(JSON.stringify({ enableNetworkPolicy: "true" }))],
        },
        {
            it: "a cluster whose CNI is Cilium",
            fixtures: [cluster, cni(), res("kubernetes:helm.sh/v3:Release", "cilium", { chart: "cilium", version: "1.18.0" })],
        },
    ],
    fails: [
        {
            it: "the vpc-cni add-on without enableNetworkPolicy",
            fixtures: [cluster, cni(JSON.stringify({ env: { ENABLE_POD_ENI: "true" } }))],
            message: "cluster (aws:eks/cluster:Cluster): the vpc-cni add-on does not enable its network policy agent",
        },
        {
            it: "the agent switched off",
            fixtures: [cluster, cni(JSON.stringify({ enableNetworkPolicy: "false" }))],
            message: "the vpc-cni add-on does not enable its network policy agent",
        },
        {
            it: "an enabled vpc-cni add-on of another cluster",
            fixtures: [
                cluster,
                other,
                aws(
                    ADDON,
                    "other-vpc-cni",
                    { addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) },
                    { clusterName: other },
                ),
            ],
            message: "no vpc-cni add-on or other CNI enforces",
        },
    ],
});

specControl("careplane-eks-secrets-encryption", {
    passes: [{ it: "secrets under the cluster key", fixtures: [cluster] }],
    fails: [
        {
            it: "no encryption config",
            fixtures: patch([cluster], "cluster", { encryptionConfig: undefined }),
            message: "Kubernetes secrets are not envelope-encrypted",
        },
        {
            it: "a config without a key",
            fixtures: patch([cluster], "cluster", { encryptionConfig: { resources: ["secrets"], provider: {} } }),
            message: 'expected encryptionConfig { resources: ["secrets"]',
        },
    ],
});

specControl("careplane-eks-control-plane-logs", {
    passes: [{ it: "all five log types", fixtures: [cluster] }],
    fails: [
        {
            it: "no audit log",
            fixtures: patch([cluster], "cluster", { enabledClusterLogTypes: ["api", "authenticator", "controllerManager", "scheduler"] }),
            message: "control-plane logs audit are off",
        },
        {
            it: "no logs at all",
            fixtures: patch([cluster], "cluster", { enabledClusterLogTypes: undefined }),
            message: "control-plane logs api, audit, authenticator, controllerManager, scheduler are off",
        },
    ],
});

// Kubernetes workloads.
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const labels = (env = "prod") => ({ environment: env, "data-classification": "phi", owner: "platform-team", app: "api" });
const container = {
    name: "api",
    image: "ghcr.io/caresync/api:1.4.2",
    securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
    },
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } },
    ports: [{ containerPort: 8080 }],
};
function deployment(podSpec: Record<string, unknown> = {}, c: Record<string, unknown> = {}): Fixture {
    return res(DEPLOYMENT, "api", {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "api", namespace: "caresync", labels: labels() },
        spec: {
            replicas: 3,
            selector: { matchLabels: { app: "api" } },
            template: {
                metadata: { labels: { app: "api" } },
                spec: {
                    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                    containers: [{ ...container, ...c }],
                    ...podSpec,
                },
            },
        },
    });
}
const ctx = (extra: Record<string, unknown>) => ({ securityContext: { ...container.securityContext, ...extra } });
const api = deployment();

specControl("careplane-k8s-pod-non-root", {
    passes: [{ it: "runAsNonRoot with a non-zero UID", fixtures: [api] }],
    fails: [
        {
            it: "runAsNonRoot unset on pod and container",
            fixtures: [deployment({ securityContext: {} }, ctx({ runAsNonRoot: undefined }))],
            message: "api (kubernetes:apps/v1:Deployment): container api may run as root (runAsNonRoot not true)",
        },
        { it: "UID 0", fixtures: [deployment({}, ctx({ runAsUser: 0 }))], message: "container api runs as UID 0" },
    ],
});

specControl("careplane-k8s-pod-no-privilege", {
    passes: [{ it: "an unprivileged container dropping all capabilities", fixtures: [api] }],
    fails: [
        { it: "a privileged container", fixtures: [deployment({}, ctx({ privileged: true }))], message: "container api is privileged" },
        {
            it: "privilege escalation allowed",
            fixtures: [deployment({}, ctx({ allowPrivilegeEscalation: undefined }))],
            message: "container api may escalate privileges",
        },
        {
            it: "capabilities not dropped",
            fixtures: [deployment({}, ctx({ capabilities: undefined }))],
            message: "container api keeps the default Linux capabilities",
        },
        {
            it: "an added capability",
            fixtures: [deployment({}, ctx({ capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } }))],
            message: "container api adds capabilities SYS_ADMIN",
        },
    ],
});

specControl("careplane-k8s-pod-no-host-access", {
    passes: [{ it: "a pod in its own namespaces", fixtures: [api] }],
    fails: [
        { it: "host networking", fixtures: [deployment({ hostNetwork: true })], message: "the pod sets hostNetwork" },
        { it: "the host PID namespace", fixtures: [deployment({ hostPID: true })], message: "the pod sets hostPID" },
        { it: "the host IPC namespace", fixtures: [deployment({ hostIPC: true })], message: "the pod sets hostIPC" },
        {
            it: "a hostPath volume",
            fixtures: [deployment({ volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] })],
            message: "volume docker mounts host path /var/run/docker.sock",
        },
        {
            it: "a host port",
            fixtures: [deployment({}, { ports: [{ containerPort: 8080, hostPort: 8080 }] })],
            message: "container api binds host port 8080",
        },
    ],
});

specControl("careplane-k8s-container-limits", {
    passes: [{ it: "requests and limits for cpu and memory", fixtures: [api] }],
    fails: [
        {
            it: "no resources",
            fixtures: [deployment({}, { resources: undefined })],
            message: "container api has no limits.cpu, limits.memory, requests.cpu, requests.memory",
        },
        {
            it: "no memory limit",
            fixtures: [deployment({}, { resources: { requests: container.resources.requests, limits: { cpu: "500m" } } })],
            message: "container api has no limits.memory",
        },
    ],
});

specControl("careplane-k8s-read-only-root-filesystem", {
    passes: [{ it: "a read-only root", fixtures: [api] }],
    fails: [
        {
            it: "a writable root",
            fixtures: [deployment({}, ctx({ readOnlyRootFilesystem: false }))],
            message: "container api can write to its root filesystem",
        },
    ],
});

specControl("careplane-k8s-image-pinned", {
    passes: [
        { it: "a version tag", fixtures: [api] },
        { it: "a digest", fixtures: [deployment({}, { image: "ghcr.io/caresync/api@sha256:" + "a".repeat(64) })] },
        { it: "a registry with a port and a tag", fixtures: [deployment({}, { image: "registry.local:5000/api:2.0.0" })] },
    ],
    fails: [
        {
            it: "latest",
            fixtures: [deployment({}, { image: "ghcr.io/caresync/api:latest" })],
            message: 'container api image "ghcr.io/caresync/api:latest" is tagged latest',
        },
        { it: "no tag", fixtures: [deployment({}, { image: "registry.local:5000/api" })], message: "is not pinned" },
    ],
});

const ecrImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/caresync/api:1.4.2";
const digest = "@sha256:" + "b".repeat(64);
const inDev = (f: Fixture): Fixture => ({ ...f, inputs: { ...f.inputs, metadata: { ...f.inputs.metadata, labels: labels("dev") } } });
specControl("careplane-k8s-image-trusted", {
    passes: [
        { it: "the stack's ECR repository, by digest, in prod", fixtures: [deployment({}, { image: ecrImage + digest })] },
        {
            it: "a vendor's image on ECR Public, by digest",
            fixtures: [deployment({}, { image: "public.ecr.aws/nginx/nginx-unprivileged:1.29-alpine" + digest })],
        },
        {
            it: "the stack's ECR repository by immutable tag, in dev",
            fixtures: [inDev(deployment({}, { image: ecrImage }))],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "an image from GitHub's registry",
            fixtures: [deployment({}, { image: "ghcr.io/caresync/api:1.4.2" + digest })],
            message: 'container api image "ghcr.io/caresync/api:1.4.2@sha256:',
        },
        {
            it: "a Docker Hub image",
            fixtures: [deployment({}, { image: "caresync/api:1.4.2" })],
            message: "comes from a registry outside ECR",
        },
        {
            it: "the stack's ECR repository by tag alone, in prod",
            fixtures: [deployment({}, { image: ecrImage })],
            message: "is not pinned by digest; expected an image reference ending in @sha256:<64 hex digits> in prod",
        },
        {
            it: "a sidecar by tag alone, in prod",
            fixtures: [
                deployment(
                    { initContainers: [{ name: "init", image: "public.ecr.aws/docker/library/busybox:1.37" }] },
                    { image: ecrImage + digest },
                ),
            ],
            message: "container init image",
        },
    ],
});

const REPOSITORY = "aws:ecr/repository:Repository";
const repository = aws(
    REPOSITORY,
    "images",
    {
        name: "caresync/api",
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS" }],
    },
    {},
    "prod",
    "internal",
);
// A pull-through cache's template (Amazon ECR User Guide, "Creating a repository creation template": MUTABLE is
// recommended for pull-through cache repositories, which ECR refreshes; else they are AES256 with no lifecycle).
const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
const cacheTemplate = res(TEMPLATE, "ghcr-template", {
    prefix: "ghcr",
    appliedFors: ["PULL_THROUGH_CACHE"],
    imageTagMutability: "MUTABLE",
    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:us-east-1:123456789012:key/ghcr-images" }],
    lifecyclePolicy: '{"rules":[]}',
});
specControl("careplane-ecr-repository-secure", {
    passes: [
        { it: "immutable tags, scan on push, KMS", fixtures: [repository] },
        { it: "a pull-through cache template: KMS, a lifecycle policy, mutable tags ECR can refresh", fixtures: [cacheTemplate] },
        {
            it: "a replication template with immutable tags",
            fixtures: patch([cacheTemplate], "ghcr-template", { appliedFors: ["REPLICATION"], imageTagMutability: "IMMUTABLE" }),
        },
    ],
    fails: [
        {
            it: "a template leaving the repositories it creates on AES256",
            fixtures: patch([cacheTemplate], "ghcr-template", { encryptionConfigurations: undefined }),
            message:
                "ghcr-template (aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate): images are encrypted with AES256, not KMS",
        },
        {
            it: "a template without a lifecycle policy",
            fixtures: patch([cacheTemplate], "ghcr-template", { lifecyclePolicy: undefined }),
            message: "repositories it creates get no lifecycle policy",
        },
        {
            it: "a template for pushed (create-on-push) repositories with mutable tags",
            fixtures: patch([cacheTemplate], "ghcr-template", { appliedFors: ["PULL_THROUGH_CACHE", "CREATE_ON_PUSH"] }),
            message: "repositories it creates for PULL_THROUGH_CACHE, CREATE_ON_PUSH keep tags MUTABLE",
        },
        {
            it: "mutable tags",
            fixtures: patch([repository], "images", { imageTagMutability: "MUTABLE" }),
            message: "images (aws:ecr/repository:Repository): its tags are MUTABLE",
        },
        {
            it: "no scan on push",
            fixtures: patch([repository], "images", { imageScanningConfiguration: undefined }),
            message: "images are not scanned on push",
        },
        {
            it: "AES256 encryption",
            fixtures: patch([repository], "images", { encryptionConfigurations: [{ encryptionType: "AES256" }] }),
            message: "images are encrypted with AES256, not KMS",
        },
    ],
});

const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const hpa = (min: number | undefined, env = "prod") =>
    res(HPA, "api", { metadata: { name: "api", namespace: "caresync", labels: labels(env) }, spec: { minReplicas: min, maxReplicas: 20 } });
specControl("careplane-k8s-hpa-min-replicas", {
    passes: [
        { it: "3 minimum replicas in prod", fixtures: [hpa(3)] },
        { it: "1 minimum replica in dev", fixtures: [hpa(1, "dev")], environment: "dev" },
    ],
    fails: [
        {
            it: "1 minimum replica in prod",
            fixtures: [hpa(1)],
            message:
                "api (kubernetes:autoscaling/v2:HorizontalPodAutoscaler): minReplicas is 1; expected minReplicas of at least 2 in prod",
        },
        { it: "no minimum in prod", fixtures: [hpa(undefined)], message: "minReplicas is not set (defaults to 1)" },
    ],
});

const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const pdb = res(PDB, "api", {
    metadata: { name: "api", namespace: "caresync", labels: labels() },
    spec: { minAvailable: 1, selector: { matchLabels: { app: "api" } } },
});
specControl("careplane-k8s-deployment-pdb", {
    passes: [{ it: "a budget selecting the deployment's pods", fixtures: [api, pdb] }],
    fails: [
        { it: "no budget", fixtures: [api], message: "api (kubernetes:apps/v1:Deployment): no PodDisruptionBudget selects its pods" },
        {
            it: "a budget selecting other pods",
            fixtures: [api, ...patch([pdb], "api", { spec: { minAvailable: 1, selector: { matchLabels: { app: "web" } } } })],
            message: "no PodDisruptionBudget selects its pods",
        },
        {
            it: "a budget in another namespace",
            fixtures: [api, ...patch([pdb], "api", { metadata: { name: "api", namespace: "other" } })],
            message: "in namespace caresync",
        },
    ],
});

const SERVICE = "kubernetes:core/v1:Service";
const service = (type: string, annotations: Record<string, string> = {}) =>
    res(SERVICE, "api", {
        metadata: { name: "api", namespace: "caresync", labels: labels(), annotations },
        spec: { type, ports: [{ port: 443 }] },
    });
specControl("careplane-k8s-service-load-balancer-annotated", {
    passes: [
        { it: "a ClusterIP service", fixtures: [service("ClusterIP")] },
        {
            it: "an internal load balancer",
            fixtures: [service("LoadBalancer", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" })],
        },
        {
            it: "a deliberately internet-facing load balancer",
            fixtures: [service("LoadBalancer", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" })],
        },
    ],
    fails: [
        {
            it: "a load balancer without the scheme annotation",
            fixtures: [service("LoadBalancer")],
            message: "api (kubernetes:core/v1:Service): it is a LoadBalancer Service without an explicit scheme annotation",
        },
    ],
});

const NS = "kubernetes:core/v1:Namespace";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const namespace = res(NS, "caresync", { metadata: { name: "caresync", labels: labels() } });
const denyAll = res(
    NP,
    "default-deny",
    {
        metadata: { name: "default-deny", namespace: "caresync", labels: labels() },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    { metadata: namespace },
);
specControl("careplane-k8s-namespace-default-deny", {
    passes: [
        { it: "a namespace with a default-deny policy", fixtures: [namespace, denyAll] },
        {
            it: "an auto-named namespace linked by dependency",
            fixtures: [
                res(NS, "caresync", { metadata: { labels: labels() } }),
                ...patch([denyAll], "default-deny", { metadata: { name: "default-deny" } }),
            ],
        },
    ],
    fails: [
        {
            it: "no network policy",
            fixtures: [namespace],
            message: "caresync (kubernetes:core/v1:Namespace): no default-deny ingress NetworkPolicy covers this namespace",
        },
        {
            it: "a policy selecting some pods only",
            fixtures: [
                namespace,
                ...patch([denyAll], "default-deny", { spec: { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"] } }),
            ],
            message: "no default-deny ingress NetworkPolicy",
        },
        {
            it: "a policy that admits traffic",
            fixtures: [
                namespace,
                ...patch([denyAll], "default-deny", { spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] } }),
            ],
            message: "no default-deny ingress NetworkPolicy",
        },
    ],
});

specControl("careplane-k8s-required-labels", {
    passes: [{ it: "a deployment labelled environment, data-classification and owner", fixtures: [api] }],
    fails: [
        {
            it: "no environment label",
            fixtures: [res(DEPLOYMENT, "api", { metadata: { labels: { "data-classification": "phi", owner: "platform-team" } } })],
            message: "label environment is undefined",
        },
        {
            it: "a wrong classification",
            fixtures: [
                res(DEPLOYMENT, "api", {
                    metadata: { labels: { environment: "prod", "data-classification": "public", owner: "platform-team" } },
                }),
            ],
            message: 'label data-classification is "public"',
        },
        {
            it: "no owner",
            fixtures: [res(DEPLOYMENT, "api", { metadata: { labels: { environment: "prod", "data-classification": "phi" } } })],
            message: "label owner is missing",
        },
    ],
});

// ECS.
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const ecsContainer = {
    name: "backend",
    image: "ghcr.io/caresync/backend:3.1.0",
    user: "1000",
    readonlyRootFilesystem: true,
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/careplane/backend", "awslogs-region": "us-east-1" } },
};
const task = (c: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    aws(TASK, "backend", {
        family: "backend",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        containerDefinitions: JSON.stringify([{ ...ecsContainer, ...c }]),
        ...extra,
    });
specControl("careplane-ecs-task-least-privilege", {
    passes: [{ it: "awsvpc, a non-root user, read-only root", fixtures: [task()] }],
    fails: [
        {
            it: "host networking",
            fixtures: [task({}, { networkMode: "host" })],
            message: 'backend (aws:ecs/taskDefinition:TaskDefinition): network mode is "host"',
        },
        { it: "no user", fixtures: [task({ user: undefined })], message: "container backend runs as the image's default user (root)" },
        { it: "root", fixtures: [task({ user: "root" })], message: "container backend runs as root" },
        { it: "privileged", fixtures: [task({ privileged: true })], message: "container backend is privileged" },
        {
            it: "a writable root",
            fixtures: [task({ readonlyRootFilesystem: false })],
            message: "container backend can write to its root filesystem",
        },
        {
            it: "unreadable container definitions",
            fixtures: [task({}, { containerDefinitions: "not json" })],
            message: "containerDefinitions is not valid JSON",
        },
    ],
});

specControl("careplane-ecs-task-logging", {
    passes: [{ it: "awslogs into a log group", fixtures: [task()] }],
    fails: [
        {
            it: "no log configuration",
            fixtures: [task({ logConfiguration: undefined })],
            message: "container backend does not log to CloudWatch",
        },
        {
            it: "another log driver",
            fixtures: [task({ logConfiguration: { logDriver: "json-file" } })],
            message: "container backend does not log to CloudWatch",
        },
        {
            it: "container definitions it cannot read (it never passes them)",
            fixtures: [task({}, { containerDefinitions: '[{"name": "backend"' })],
            message: "containerDefinitions is not valid JSON",
        },
    ],
});

const efsVolume = {
    name: "files-uploads",
    efsVolumeConfiguration: {
        fileSystemId: "fs-0123456789abcdef0",
        transitEncryption: "ENABLED",
        authorizationConfig: { accessPointId: "fsap-0123456789abcdef0", iam: "ENABLED" },
    },
};
const mounting = (efs: Record<string, unknown> = {}) =>
    task({}, { volumes: [{ name: "tmp" }, { ...efsVolume, efsVolumeConfiguration: { ...efsVolume.efsVolumeConfiguration, ...efs } }] });
specControl("careplane-ecs-efs-volume-secured", {
    passes: [
        { it: "an EFS volume over TLS, through an access point, with IAM authorization", fixtures: [mounting()] },
        { it: "a task without EFS volumes", fixtures: [task()] },
    ],
    fails: [
        {
            it: "no transit encryption",
            fixtures: [mounting({ transitEncryption: "DISABLED" })],
            message: "backend (aws:ecs/taskDefinition:TaskDefinition): volume files-uploads mounts EFS without TLS",
        },
        {
            it: "no access point",
            fixtures: [mounting({ authorizationConfig: { iam: "ENABLED" } })],
            message: "volume files-uploads mounts the file system's root, not an access point",
        },
        {
            it: "no IAM authorization",
            fixtures: [mounting({ authorizationConfig: { accessPointId: "fsap-0123456789abcdef0", iam: "DISABLED" } })],
            message: "volume files-uploads mounts without IAM authorization",
        },
    ],
});

// Load balancers and WAF.
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const alb = aws(LB, "public", {
    internal: false,
    loadBalancerType: "application",
    dropInvalidHeaderFields: true,
    enableDeletionProtection: true,
    accessLogs: { bucket: "caresync-prod-logs", prefix: "alb", enabled: true },
});
const https = aws(
    LISTENER,
    "https",
    {
        port: 443,
        protocol: "HTTPS",
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
    },
    { loadBalancerArn: alb },
);
const http = aws(
    LISTENER,
    "http",
    {
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    },
    { loadBalancerArn: alb },
);
const acl = aws("aws:wafv2/webAcl:WebAcl", "acl", { scope: "REGIONAL", defaultAction: { allow: {} } });
const association = res(
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "acl-alb",
    { resourceArn: "arn:alb", webAclArn: "arn:acl" },
    { resourceArn: alb, webAclArn: acl },
);
const aclLogging = res(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "acl-logs",
    { resourceArn: "arn:acl", logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-caresync"] },
    { resourceArn: acl },
);
const edge = [alb, https, http, acl, association, aclLogging];

specControl("careplane-alb-listener-https", {
    passes: [{ it: "HTTPS with TLS 1.2+ and an HTTP redirect", fixtures: edge }],
    fails: [
        {
            it: "HTTPS without a certificate",
            fixtures: patch(edge, "https", { certificateArn: undefined }),
            message: "https (aws:lb/listener:Listener): the HTTPS listener has no certificate",
        },
        {
            it: "a TLS 1.0 policy",
            fixtures: patch(edge, "https", { sslPolicy: "ELBSecurityPolicy-2016-08" }),
            message: "ssl policy ELBSecurityPolicy-2016-08 allows TLS below 1.2",
        },
        {
            it: "HTTP forwarding to targets",
            fixtures: patch(edge, "http", { defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] }),
            message: "http (aws:lb/listener:Listener): the HTTP listener on port 80 serves traffic in clear text",
        },
    ],
});

specControl("careplane-alb-drop-invalid-headers", {
    passes: [{ it: "invalid headers dropped", fixtures: edge }],
    fails: [
        {
            it: "invalid headers passed on",
            fixtures: patch(edge, "public", { dropInvalidHeaderFields: undefined }),
            message: "public (aws:lb/loadBalancer:LoadBalancer): invalid header fields are passed to targets",
        },
    ],
});

specControl("careplane-alb-access-logs", {
    passes: [{ it: "access logs into the log bucket", fixtures: edge }],
    fails: [
        {
            it: "access logs off",
            fixtures: patch(edge, "public", { accessLogs: { bucket: "caresync-prod-logs", enabled: false } }),
            message: "access logging is off",
        },
    ],
});

specControl("careplane-alb-waf", {
    passes: [
        { it: "an internet-facing load balancer behind a web ACL", fixtures: edge },
        { it: "an internal load balancer without one", fixtures: [aws(LB, "internal", { internal: true })] },
    ],
    fails: [
        {
            it: "an internet-facing load balancer without a web ACL",
            fixtures: edge.filter((f) => f !== association),
            message: "public (aws:lb/loadBalancer:LoadBalancer): the internet-facing load balancer has no WAF web ACL",
        },
    ],
});

specControl("careplane-waf-logging", {
    passes: [{ it: "a web ACL with logging", fixtures: edge }],
    fails: [
        {
            it: "a web ACL without logging",
            fixtures: edge.filter((f) => f !== aclLogging),
            message: "acl (aws:wafv2/webAcl:WebAcl): the web ACL does not log",
        },
        {
            it: "a logging configuration without destination",
            fixtures: amend(patch(edge, "acl-logs", { logDestinationConfigs: [] }), "acl-logs", {}),
            message: "the web ACL does not log",
        },
    ],
});

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const annotations = {
    "alb.ingress.kubernetes.io/scheme": "internet-facing",
    "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
    "alb.ingress.kubernetes.io/ssl-redirect": "443",
    "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "alb.ingress.kubernetes.io/load-balancer-attributes":
        "routing.http.drop_invalid_header_fields.enabled=true,deletion_protection.enabled=true",
    "alb.ingress.kubernetes.io/wafv2-acl-arn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/caresync/abc",
    "alb.ingress.kubernetes.io/backend-protocol": "HTTPS",
};
const ingress = (change: Record<string, string | undefined> = {}) =>
    res(INGRESS, "ingress", {
        metadata: {
            name: "caresync",
            namespace: "caresync",
            labels: labels(),
            annotations: JSON.parse(JSON.stringify({ ...annotations, ...change })),
        },
        spec: { ingressClassName: "alb", rules: [] },
    });
specControl("careplane-k8s-ingress-alb-secure", {
    passes: [
        { it: "HTTPS, redirect, TLS 1.2+, invalid headers dropped, behind WAF", fixtures: [ingress()] },
        {
            it: "an internal ALB without WAF",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/scheme": "internal", "alb.ingress.kubernetes.io/wafv2-acl-arn": undefined })],
        },
    ],
    fails: [
        {
            it: "HTTP only",
            fixtures: [
                ingress({
                    "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }]),
                }),
            ],
            message: "ingress (kubernetes:networking.k8s.io/v1:Ingress): the load balancer does not listen on HTTPS",
        },
        {
            it: "listen ports it cannot read (it never passes them)",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/listen-ports": '[{"HTTPS": 443}' })],
            message: "alb.ingress.kubernetes.io/listen-ports is not valid JSON",
        },
        {
            it: "HTTP without redirect",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/ssl-redirect": undefined })],
            message: "HTTP is served without a redirect to HTTPS",
        },
        {
            it: "a TLS 1.0 policy",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS-1-0-2015-04" })],
            message: "may allow TLS below 1.2",
        },
        {
            it: "invalid headers kept",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/load-balancer-attributes": "deletion_protection.enabled=true" })],
            message: "invalid header fields are passed to targets",
        },
        {
            it: "internet-facing without WAF",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/wafv2-acl-arn": undefined })],
            message: "the internet-facing load balancer has no WAF web ACL",
        },
        {
            it: "plain HTTP from the load balancer to the pods",
            fixtures: [ingress({ "alb.ingress.kubernetes.io/backend-protocol": undefined })],
            message: "the load balancer reaches the pods in plain HTTP; expected alb.ingress.kubernetes.io/backend-protocol: HTTPS",
        },
    ],
});

const ingressIn = (env: string, attributes: string) => {
    const i = ingress({ "alb.ingress.kubernetes.io/load-balancer-attributes": attributes });
    return { ...i, inputs: { ...i.inputs, metadata: { ...i.inputs.metadata, labels: labels(env) } } };
};
specControl("careplane-alb-deletion-protection", {
    passes: [
        { it: "deletion protection in prod", fixtures: edge },
        {
            it: "none in dev, where the stack must be destroyable",
            fixtures: [aws(LB, "public", { enableDeletionProtection: false }, {}, "dev")],
            environment: "dev",
        },
        {
            it: "an Ingress's ALB protected in staging",
            fixtures: [ingressIn("staging", "deletion_protection.enabled=true")],
            environment: "staging",
        },
        {
            it: "an Ingress's ALB left deletable in test",
            fixtures: [ingressIn("test", "deletion_protection.enabled=false")],
            environment: "test",
        },
    ],
    fails: [
        {
            it: "none in prod",
            fixtures: patch(edge, "public", { enableDeletionProtection: false }),
            message: "deletion protection is off; expected enableDeletionProtection: true in prod",
        },
        {
            it: "none in staging",
            fixtures: [aws(LB, "public", { enableDeletionProtection: false }, {}, "staging")],
            environment: "staging",
            message: "expected enableDeletionProtection: true in staging",
        },
        {
            it: "an Ingress's ALB without it in prod",
            fixtures: [ingressIn("prod", "routing.http.drop_invalid_header_fields.enabled=true,deletion_protection.enabled=false")],
            message:
                "ingress (kubernetes:networking.k8s.io/v1:Ingress): deletion protection is off; expected alb.ingress.kubernetes.io/load-balancer-attributes with deletion_protection.enabled=true in prod",
        },
    ],
});

const rateRule = {
    name: "RateLimitPerClient",
    priority: 0,
    action: { block: {} },
    statement: { rateBasedStatement: { limit: 2000, evaluationWindowSec: 300, aggregateKeyType: "IP" } },
    visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: "rate" },
};
specControl("careplane-waf-rate-limited", {
    passes: [{ it: "a rate-based rule that blocks", fixtures: patch([acl], "acl", { rules: [rateRule] }) }],
    fails: [
        {
            it: "managed rule groups only",
            fixtures: [acl],
            message: "acl (aws:wafv2/webAcl:WebAcl): no rate-based rule blocks a client that floods it",
        },
        {
            it: "a rate-based rule that only counts",
            fixtures: patch([acl], "acl", { rules: [{ ...rateRule, action: { count: {} } }] }),
            message: "no rate-based rule blocks",
        },
    ],
});

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const nodes = aws(
    NODE_GROUP,
    "nodes",
    { instanceTypes: ["m6i.large"], scalingConfig: { minSize: 6, maxSize: 12, desiredSize: 6 } },
    { clusterName: cluster },
);
specControl("careplane-eks-nodes-encrypt-in-transit", {
    passes: [
        { it: "m6i nodes", fixtures: [nodes] },
        { it: "c7i and r6i nodes", fixtures: patch([nodes], "nodes", { instanceTypes: ["c7i.xlarge", "r6i.large"] }) },
    ],
    fails: [
        {
            it: "t3 nodes",
            fixtures: patch([nodes], "nodes", { instanceTypes: ["t3.large"] }),
            message: "nodes (aws:eks/nodeGroup:NodeGroup): t3.large do not encrypt traffic between instances",
        },
        {
            it: "m5 nodes beside m6i",
            fixtures: patch([nodes], "nodes", { instanceTypes: ["m6i.large", "m5.large"] }),
            message: "m5.large do not encrypt traffic between instances",
        },
        {
            it: "no instance type (EKS's default)",
            fixtures: patch([nodes], "nodes", { instanceTypes: undefined }),
            message: "it names no instance type",
        },
    ],
});
