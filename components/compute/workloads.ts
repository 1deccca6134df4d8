import { pilotLightServiceRoleName } from "../failover/pilot-light-readers";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MONITORING_NAMESPACE, PROMETHEUS_POD_LABELS } from "../monitoring/kube-prometheus-stack";
import { CloudFrontOrigin } from "../edge/cdn";
import { EksCluster } from "./eks-cluster";
import { AccessLogTarget, LoadBalancerScheme, Routing } from "./ingress";
import { listenerCertificateArn } from "./certificate";
import { ingressPath } from "./routing";
import { imageReference, imageRepositories } from "./image-repositories";
import { TLS_PORT, TLS_SIDECAR_IMAGE, tlsProxyConfig, tlsSecretName, tlsSidecarSize } from "./tls-sidecar";
import { resourcesOf } from "./cluster-controllers";
import { irsaServiceAccount, secretSync } from "../cluster/secret-sync";
import { DataClassification, PlatformContext } from "../context";
import { APP_USER, LISTENER_TLS_POLICY } from "../conventions";
import { serviceSelector, standardLabels } from "./labels";
import { attachPolicy } from "../security/iam";
import { ProbeConfig, ServiceConfig, ServicesConfig } from "../config/schema/services";
import { addSecretReader, SecretReaders, stackSecretReadPolicy } from "../security/secret-read-policies";
import { secretName } from "../data/secrets";
import { serviceEntries, serviceSecretEntry } from "../data/service-secrets";
import { managedRulesWebAcl } from "../edge/waf";
import { TARGET_CPU_PERCENT, TARGET_MEMORY_PERCENT } from "./scaling";
import { DataStore, dataStorePorts } from "../network/data-stores";
import { dataStoresOf } from "./data-clients";
import { RDS_CA_CONFIG_MAP, RDS_CA_FILE_NAME, RDS_CA_MOUNT_DIR, rdsCaBundleFor } from "../data/rds-ca";
import { podSecurityLabels } from "./namespaces";
import { podSecurityGroups } from "./pod-security-groups";

/** The pods' non-root identity (any UID above the system range works with PSA restricted). */

export interface WorkloadsArgs {
    context: PlatformContext;
    /** Provider, IRSA issuer and the controllers the objects below need. */
    cluster: EksCluster;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** The secrets KMS key: services decrypt their own secrets with it, through Secrets Manager only. */
    secretsKeyArn: pulumi.Input<string>;
    /** Where the database and cache live: a service reaches those it uses, on their ports. */
    dataSubnetCidrs: string[];
    /** Per data store, the group its clients carry: a service's pods get the groups of the stores it uses. */
    clientSecurityGroupIds: Record<DataStore, pulumi.Input<string>>;
    /** Where the load balancers' nodes live, by scheme: routed pods admit their load balancer's subnets on the TLS port. */
    loadBalancerSubnetCidrs: Record<LoadBalancerScheme, string[]>;
    /** The VPC block: api and worker pods reach AWS APIs through its interface endpoints. */
    vpcCidr: string;
    /** Encrypts the WAF log group. */
    logsKeyArn: pulumi.Input<string>;
    /** ALB access logs go here when given: the storage component's log bucket and the prefix its policy admits. */
    accessLogs?: AccessLogTarget;
    /** With CloudFront in front, the ALB admits CloudFront's origin-facing servers only, and requests carrying its header. */
    cdnOrigin?: CloudFrontOrigin;
    /** The services to run (`careplane:services`). */
    services: ServicesConfig;
    /** Which load balancer and host each routed service answers on, and the listeners' certificate. */
    routing: Routing;
    /** The namespace the services run in (workloadsNamespace): the cluster's access entries name the same one. */
    namespace: string;
    /** The cluster's Kubernetes minor: the namespace's Pod Security labels are pinned to it. */
    kubernetesVersion: string;
    /** Whether the stack has an analytics database: services that read `database` then get its entry too. */
    analyticsDatabase: boolean;
    /** A path the stack's own load balancer routes to a service on any Host: Route 53's health check asks for the ALB's own name. */
    anyHostPath?: { service: string; path: string };
    /**
     * A pilot light's services: every Deployment at 0 replicas, its HPA idle until the runbook scales the Deployment
     * up (an HPA leaves a target scaled to 0 alone: Kubernetes, "Implicit maintenance-mode deactivation").
     */
    standby?: boolean;
    /**
     * A pilot light's database, this region's replica: the login entries its services read are the primary's
     * replicas and name the primary's host (Secrets Manager copies an entry as it is), so their `host` and
     * `readerHosts` are this region's instead.
     */
    localDatabase?: pulumi.Input<{ host: string; readerHosts: string[] }>;
    /** A pilot light's: the key its primary's replicated entries are under here; the services decrypt with it too. */
    replicaKeyArn?: string;
}

/** Private, shared, link-local and loopback ranges (RFC 1918, 6598, 3927, 1122): never "the internet". */
export const nonPublicRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8"];

/** A NetworkPolicy egress rule: name lookups at the cluster's DNS, and nothing else. */
export const dnsEgress = {
    to: [
        {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
        },
    ],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};

/** The hardening every container here gets: non-root, read-only root, no capabilities, RuntimeDefault seccomp. */
const hardenedContainer = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

/** The TLS sidecar of a routed service (tls-sidecar.ts): HTTPS on TLS_PORT, its certificate from cert-manager. */
function tlsSidecar(): k8s.types.input.core.v1.Container {
    return {
        name: "tls-proxy",
        image: TLS_SIDECAR_IMAGE,
        imagePullPolicy: "IfNotPresent",
        ports: [{ name: "https", containerPort: TLS_PORT, protocol: "TCP" }],
        resources: resourcesOf(tlsSidecarSize, 4),
        readinessProbe: { tcpSocket: { port: "https" }, periodSeconds: 5 },
        livenessProbe: { tcpSocket: { port: "https" }, initialDelaySeconds: 10, periodSeconds: 10 },
        securityContext: hardenedContainer,
        volumeMounts: [
            { name: "tls", mountPath: "/etc/tls", readOnly: true },
            { name: "tls-proxy", mountPath: "/etc/nginx/conf.d", readOnly: true },
            { name: "tls-proxy-tmp", mountPath: "/tmp" },
        ],
    };
}

/** A service's probe on its http port; unset timeout and threshold keep Kubernetes' defaults (1 s, 3). */
function httpProbe(p: ProbeConfig): k8s.types.input.core.v1.Probe {
    return {
        httpGet: { path: p.path, port: "http" },
        initialDelaySeconds: p.initialDelaySeconds,
        periodSeconds: p.periodSeconds,
        ...(p.timeoutSeconds !== undefined && { timeoutSeconds: p.timeoutSeconds }),
        ...(p.failureThreshold !== undefined && { failureThreshold: p.failureThreshold }),
    };
}

/**
 * The ALB's check of a service's targets (through its TLS sidecar): its readiness path, timeout and
 * threshold. The load balancer controller reads these from the Service, per backend: health check
 * annotations apply on Ingress and Service, the Service's taking precedence
 * (kubernetes-sigs.github.io/aws-load-balancer-controller, guide/ingress/annotations).
 */
export function targetHealthAnnotations(svc: ServiceConfig): Record<string, string> {
    const r = svc.health.readiness;
    return {
        "alb.ingress.kubernetes.io/healthcheck-path": r.path,
        ...(r.timeoutSeconds !== undefined && { "alb.ingress.kubernetes.io/healthcheck-timeout-seconds": String(r.timeoutSeconds) }),
        ...(r.failureThreshold !== undefined && { "alb.ingress.kubernetes.io/unhealthy-threshold-count": String(r.failureThreshold) }),
    };
}

/**
 * The pod spec of a service: non-root, read-only root, no capabilities, probes [000], limits [000, 003]; a routed
 * service's pods also run the TLS sidecar the load balancer reaches them through.
 */
export function podSpec(name: string, svc: ServiceConfig, image: pulumi.Input<string>, routed: boolean): k8s.types.input.core.v1.PodSpec {
    const verifiesDatabase = dataStoresOf(svc).includes("postgres");
    return {
        serviceAccountName: name,
        // Pods need no Kubernetes API token; the IRSA web-identity token is projected separately.
        automountServiceAccountToken: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: APP_USER,
            runAsGroup: APP_USER,
            fsGroup: APP_USER,
            seccompProfile: { type: "RuntimeDefault" },
        },
        topologySpreadConstraints: [
            {
                maxSkew: 1,
                topologyKey: "topology.kubernetes.io/zone",
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: { matchLabels: serviceSelector(name) },
            },
        ],
        containers: [
            {
                name,
                image,
                imagePullPolicy: "IfNotPresent",
                ports: [{ name: "http", containerPort: svc.port, protocol: "TCP" }],
                envFrom: [
                    { configMapRef: { name: `${name}-config` } },
                    ...(svc.secrets.length > 0 ? [{ secretRef: { name: `${name}-secrets` } }] : []),
                ],
                resources: svc.resources,
                livenessProbe: httpProbe(svc.health.liveness),
                readinessProbe: httpProbe(svc.health.readiness),
                securityContext: hardenedContainer,
                volumeMounts: [
                    { name: "tmp", mountPath: "/tmp" },
                    ...(verifiesDatabase ? [{ name: "rds-ca", mountPath: RDS_CA_MOUNT_DIR, readOnly: true }] : []),
                ],
            },
            ...(routed ? [tlsSidecar()] : []),
        ],
        volumes: [
            { name: "tmp", emptyDir: { sizeLimit: "256Mi" } },
            ...(verifiesDatabase ? [{ name: "rds-ca", configMap: { name: RDS_CA_CONFIG_MAP } }] : []),
            ...(routed
                ? [
                      { name: "tls", secret: { secretName: tlsSecretName(name), defaultMode: 0o440 } },
                      { name: "tls-proxy", configMap: { name: `${name}-tls-proxy` } },
                      { name: "tls-proxy-tmp", emptyDir: { sizeLimit: "64Mi" } },
                  ]
                : []),
        ],
    };
}

/**
 * The environment's namespace and the services of `careplane:services` running in it: per service
 * a Deployment, Service, HPA, PDB, ServiceAccount with an IRSA role for its own secrets,
 * ConfigMap, SecretStore and ExternalSecret; NetworkPolicies that deny by default; one TLS Ingress.
 */
export class Workloads extends pulumi.ComponentResource {
    /** The namespace the services (and their alert rules) live in. */
    readonly namespace: pulumi.Output<string>;
    /** The Ingress hostname clients use. */
    readonly hostname: string;
    /** Every service's IRSA role: the PHI buckets' policies admit these. */
    readonly applicationRoleArns: pulumi.Output<string>[] = [];
    /** Which service role reads which entry: the entries' policies admit these. */
    readonly secretReaders: SecretReaders = {};
    /** Logs that can hold PHI (the web ACL's request log): only the log readers may read them. */
    readonly phiLogGroups: aws.cloudwatch.LogGroup[] = [];
    /** The DNS name of the stack's own load balancer, from its Ingress's status once the controller made it. */
    loadBalancerDnsName?: pulumi.Output<string>;

    private readonly ctx: PlatformContext;
    private readonly args: WorkloadsArgs;
    private readonly k8sOpts: pulumi.CustomResourceOptions;
    /** The RDS CA ConfigMap the pods of PostgreSQL clients mount. */
    private rdsCa?: k8s.core.v1.ConfigMap;
    /** One web ACL for the stack's load balancers. */
    private webAcl?: ReturnType<typeof managedRulesWebAcl>;

    constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:workloads:Workloads", name, {}, opts);
        const ctx = (this.ctx = args.context);
        this.k8sOpts = { parent: this, provider: args.cluster.kubernetesProvider };
        this.args = args;
        const services = Object.entries(args.services);
        this.hostname = args.routing.hostname;

        const namespace = this.createNamespace(name, args.cluster);
        this.namespace = namespace.metadata.name;
        const nsOpts = { ...this.k8sOpts, dependsOn: [namespace] };
        this.createBaselinePolicies(name, nsOpts);

        imageRepositories(`${name}-images`, ctx, args.services, { parent: this });
        const registry = { accountId: args.accountId, region: ctx.region };
        const routedSchemes = args.routing.bySchemes();
        // The sidecars' certificates: self-signed in this namespace (the load balancer does not validate them).
        const issuer = routedSchemes.length > 0 ? this.createIssuer(name, args, nsOpts) : undefined;
        // The region's RDS CAs, which the services that log in to PostgreSQL verify the server against.
        if (services.some(([, svc]) => dataStoresOf(svc).includes("postgres"))) {
            this.rdsCa = new k8s.core.v1.ConfigMap(
                `${name}-rds-ca`,
                { metadata: this.meta(RDS_CA_CONFIG_MAP), data: { [RDS_CA_FILE_NAME]: rdsCaBundleFor(ctx.region) } },
                nsOpts,
            );
        }
        for (const [svcName, svc] of services) {
            this.createService(name, svcName, svc, imageReference(registry, svc), issuer, args, nsOpts);
        }
        if (routedSchemes.length > 0) {
            const certificateArn = listenerCertificateArn(`${name}-certificate`, ctx, args.routing, { parent: this });
            for (const [scheme, routed] of routedSchemes) this.createIngress(name, scheme, routed, certificateArn, args, nsOpts);
        }

        this.registerOutputs({ namespace: this.namespace, hostname: this.hostname });
    }

    /** Services handle patient data; everything else describes how they run. */
    private meta(name: string, extra: Record<string, string> = {}, classification: DataClassification = "internal") {
        return { name, namespace: this.namespace, labels: standardLabels(this.ctx, classification, extra) };
    }

    /** After the Load Balancer Controller's webhook is ready: everything here depends on the namespace. */
    private createNamespace(name: string, cluster: EksCluster): k8s.core.v1.Namespace {
        return new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: this.args.namespace,
                    labels: standardLabels(this.ctx, "phi", podSecurityLabels("restricted", this.args.kubernetesVersion)),
                },
            },
            { ...this.k8sOpts, dependsOn: [cluster.admissionReady] },
        );
    }

    /** Nothing in or out unless a later policy allows it; every pod may resolve names. */
    private createBaselinePolicies(name: string, opts: pulumi.CustomResourceOptions) {
        new k8s.networking.v1.NetworkPolicy(
            `${name}-default-deny`,
            { metadata: this.meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
            opts,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-allow-dns`,
            {
                metadata: this.meta("allow-dns"),
                spec: {
                    podSelector: {},
                    policyTypes: ["Egress"],
                    egress: [dnsEgress],
                },
            },
            opts,
        );
    }

    private createService(
        prefix: string,
        name: string,
        svc: ServiceConfig,
        image: pulumi.Output<string>,
        issuer: pulumi.Resource | undefined,
        args: WorkloadsArgs,
        opts: pulumi.CustomResourceOptions,
    ) {
        const ctx = this.ctx;
        const id = `${prefix}-${name}`;
        const routed = ingressPath(name, svc) !== undefined;
        const selector = serviceSelector(name);
        const labels = { ...selector, "careplane.io/tier": svc.tier };

        const { role, serviceAccount } = irsaServiceAccount(
            { role: id, serviceAccount: id },
            {
                cluster: args.cluster,
                namespace: this.namespace,
                serviceAccount: name,
                labels: standardLabels(ctx, "internal", labels),
                role: {
                    // A pilot light's, named: its primary's replicated entries admit it by ARN.
                    ...(ctx.isPilotLight ? { name: pilotLightServiceRoleName(ctx, name) } : {}),
                    description: `IRSA: ${name} reads its own secrets`,
                    tags: ctx.tags("confidential", { Service: name }),
                },
            },
            { aws: { parent: this }, k8s: opts },
        );
        this.applicationRoleArns.push(role.arn);
        addSecretReader(
            this.secretReaders,
            svc.secrets.map((s) => secretName(ctx, serviceSecretEntry(name, s))),
            role.arn,
        );
        if (svc.secrets.length > 0) {
            attachPolicy(
                `${id}-secrets`,
                ctx,
                role,
                `${name} reads its own secrets`,
                stackSecretReadPolicy(
                    ctx,
                    args,
                    serviceEntries(name, svc.secrets, args.analyticsDatabase).map((e) => e.entry),
                ).apply((p) => JSON.stringify(p)),
                { parent: this },
            );
        }

        const configMap = new k8s.core.v1.ConfigMap(
            `${id}-config`,
            {
                metadata: this.meta(`${name}-config`, labels),
                data: {
                    APP_ENV: ctx.environment,
                    PORT: String(svc.port),
                    AWS_REGION: ctx.region,
                    // libpq's variables (node-postgres and most drivers read them, or take the path): verify the server.
                    ...(dataStoresOf(svc).includes("postgres")
                        ? { PGSSLMODE: "verify-full", PGSSLROOTCERT: `${RDS_CA_MOUNT_DIR}/${RDS_CA_FILE_NAME}` }
                        : {}),
                    ...svc.config,
                },
            },
            opts,
        );

        const dependsOn: pulumi.Resource[] = [serviceAccount, configMap];
        if (svc.secrets.length > 0) dependsOn.push(this.createExternalSecret(id, name, svc, labels, serviceAccount, args, opts));
        if (routed) dependsOn.push(...this.createTlsProxy(id, name, svc, labels, issuer!, opts));
        if (dataStoresOf(svc).includes("postgres")) dependsOn.push(this.rdsCa!);
        const stores = dataStoresOf(svc);
        if (stores.length > 0) {
            dependsOn.push(
                podSecurityGroups(
                    `${id}-security-groups`,
                    {
                        name,
                        namespace: this.namespace,
                        labels: standardLabels(ctx, "internal", labels),
                        podSelector: selector,
                        clusterSecurityGroupId: args.cluster.clusterSecurityGroupId,
                        clientSecurityGroupIds: stores.map((store) => args.clientSecurityGroupIds[store]),
                    },
                    opts,
                ),
            );
        }

        const deployment = new k8s.apps.v1.Deployment(
            id,
            {
                metadata: this.meta(name, labels, "phi"),
                spec: {
                    replicas: args.standby ? 0 : svc.replicas.min,
                    revisionHistoryLimit: 5,
                    selector: { matchLabels: selector },
                    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
                    template: {
                        metadata: { labels: standardLabels(ctx, "phi", labels) },
                        spec: podSpec(name, svc, image, routed),
                    },
                },
            },
            { ...opts, dependsOn },
        );

        new k8s.core.v1.Service(
            id,
            {
                metadata: { ...this.meta(name, labels), ...(routed && { annotations: targetHealthAnnotations(svc) }) },
                spec: {
                    type: "ClusterIP",
                    selector,
                    ports: [
                        // Inside the cluster (web to api, Prometheus) on the application's port, between nodes that
                        // encrypt traffic to each other; from the load balancer over TLS to the sidecar.
                        { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
                        ...(routed ? [{ name: "https", port: 443, targetPort: "https", protocol: "TCP" }] : []),
                    ],
                },
            },
            opts,
        );

        new k8s.autoscaling.v2.HorizontalPodAutoscaler(
            id,
            {
                metadata: this.meta(name, labels),
                spec: {
                    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
                    minReplicas: svc.replicas.min,
                    maxReplicas: svc.replicas.max,
                    metrics: [
                        {
                            type: "Resource",
                            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: TARGET_CPU_PERCENT } },
                        },
                        {
                            type: "Resource",
                            resource: { name: "memory", target: { type: "Utilization", averageUtilization: TARGET_MEMORY_PERCENT } },
                        },
                    ],
                },
            },
            opts,
        );

        new k8s.policy.v1.PodDisruptionBudget(
            id,
            { metadata: this.meta(name, labels), spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
            opts,
        );

        this.createServicePolicy(id, name, svc, args, opts);
    }

    /** A SecretStore that authenticates as the service's own account, and the secrets it syncs. */
    private createExternalSecret(
        id: string,
        name: string,
        svc: ServiceConfig,
        labels: Record<string, string>,
        serviceAccount: k8s.core.v1.ServiceAccount,
        args: WorkloadsArgs,
        opts: pulumi.CustomResourceOptions,
    ): pulumi.Resource {
        const ctx = this.ctx;
        return secretSync(
            { store: `${id}-store`, externalSecret: `${id}-secrets` },
            {
                namespace: this.namespace,
                labels: standardLabels(ctx, "internal", labels),
                region: ctx.region,
                serviceAccount,
                storeName: name,
                operator: args.cluster.externalSecretsOperator,
                externalSecret: {
                    metadata: { name: `${name}-secrets`, labels: standardLabels(ctx, "confidential", labels) },
                    spec: () => ({
                        refreshInterval: "1h",
                        secretStoreRef: { kind: "SecretStore", name },
                        target: {
                            name: `${name}-secrets`,
                            creationPolicy: "Owner",
                            deletionPolicy: "Retain",
                            ...(args.localDatabase && svc.secrets.includes("database")
                                ? { template: localDatabaseTemplate(args.localDatabase) }
                                : {}),
                        },
                        // Each secret's JSON keys become variables prefixed with the secret's name: DATABASE_password.
                        dataFrom: serviceEntries(name, svc.secrets, args.analyticsDatabase).map(({ secret, entry }) => ({
                            extract: { key: `${ctx.app}/${ctx.environment}/${entry}` },
                            rewrite: [{ regexp: { source: "(.*)", target: `${secret.toUpperCase().replace(/-/g, "_")}_$1` } }],
                        })),
                    }),
                },
            },
            opts,
        );
    }

    /**
     * What a tier may talk to: web and api take traffic from the load balancer; a service reaches the data stores it
     * uses (and, with its own security groups, only those stores admit it); api and worker reach AWS APIs.
     */
    private createServicePolicy(id: string, name: string, svc: ServiceConfig, args: WorkloadsArgs, opts: pulumi.CustomResourceOptions) {
        const services = Object.entries(args.services);
        const apiNames = services.filter(([, s]) => s.tier === "api").map(([n]) => n);
        const webNames = services.filter(([, s]) => s.tier === "web").map(([n]) => n);
        const podsNamed = (names: string[]) => ({
            podSelector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: names }] },
        });
        const port = [{ protocol: "TCP", port: svc.port }];
        const ingress: any[] = [];
        const egress: any[] = [];
        if (ingressPath(name, svc) !== undefined) {
            ingress.push({
                from: args.loadBalancerSubnetCidrs[args.routing.schemeOf(svc)].map((cidr) => ({ ipBlock: { cidr } })),
                ports: [{ protocol: "TCP", port: TLS_PORT }],
            });
        }
        if (svc.tier === "api" && webNames.length > 0) ingress.push({ from: [podsNamed(webNames)], ports: port });
        // Prometheus scrapes every service's /metrics on its own port.
        ingress.push({
            from: [
                {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": MONITORING_NAMESPACE } },
                    podSelector: { matchLabels: PROMETHEUS_POD_LABELS },
                },
            ],
            ports: port,
        });
        if (svc.tier === "web" && apiNames.length > 0) {
            const apiPorts = [...new Set(services.filter(([, s]) => s.tier === "api").map(([, s]) => s.port))];
            egress.push({ to: [podsNamed(apiNames)], ports: apiPorts.map((p) => ({ protocol: "TCP", port: p })) });
        }
        const stores = dataStoresOf(svc);
        if (stores.length > 0) {
            egress.push({
                to: args.dataSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } })),
                ports: stores.map((store) => ({ protocol: "TCP", port: dataStorePorts[store] })),
            });
        }
        if (svc.tier !== "web") egress.push({ to: [{ ipBlock: { cidr: args.vpcCidr } }], ports: [{ protocol: "TCP", port: 443 }] });
        // The service's own internet endpoints [003]: public addresses only, on their ports.
        const internetPorts = [...new Set(svc.egress.map((e) => e.port))];
        if (internetPorts.length > 0) {
            egress.push({
                to: [{ ipBlock: { cidr: "0.0.0.0/0", except: nonPublicRanges } }],
                ports: internetPorts.map((p) => ({ protocol: "TCP", port: p })),
            });
        }
        new k8s.networking.v1.NetworkPolicy(
            `${id}-traffic`,
            {
                metadata: this.meta(`${name}-traffic`),
                spec: {
                    podSelector: { matchLabels: serviceSelector(name) },
                    policyTypes: ["Ingress", "Egress"],
                    ingress,
                    egress,
                },
            },
            opts,
        );
    }

    /** The namespace's self-signed issuer: the TLS sidecars' certificates, which only the load balancer reads, come from it. */
    private createIssuer(prefix: string, args: WorkloadsArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource {
        return new k8s.apiextensions.CustomResource(
            `${prefix}-issuer`,
            {
                apiVersion: "cert-manager.io/v1",
                kind: "Issuer",
                metadata: this.meta("self-signed"),
                spec: { selfSigned: {} },
            },
            { ...opts, dependsOn: [...(opts.dependsOn as pulumi.Resource[]), args.cluster.certManager] },
        );
    }

    /**
     * A routed service's TLS sidecar: its nginx configuration, and its certificate (90 days, renewed 15 days before,
     * a new ECDSA key each time) written by cert-manager into the Secret the pods mount. The pods start after both.
     */
    private createTlsProxy(
        id: string,
        name: string,
        svc: ServiceConfig,
        labels: Record<string, string>,
        issuer: pulumi.Resource,
        opts: pulumi.CustomResourceOptions,
    ): pulumi.Resource[] {
        const config = new k8s.core.v1.ConfigMap(
            `${id}-tls-proxy`,
            { metadata: this.meta(`${name}-tls-proxy`, labels), data: { "default.conf": tlsProxyConfig(svc.port) } },
            opts,
        );
        const dnsNames = this.namespace.apply((ns) => [`${name}.${ns}.svc`, `${name}.${ns}.svc.cluster.local`]);
        const certificate = new k8s.apiextensions.CustomResource(
            `${id}-tls`,
            {
                apiVersion: "cert-manager.io/v1",
                kind: "Certificate",
                metadata: this.meta(tlsSecretName(name), labels),
                spec: {
                    secretName: tlsSecretName(name),
                    commonName: dnsNames.apply((names) => names[0]),
                    dnsNames,
                    duration: "2160h",
                    renewBefore: "360h",
                    privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
                    usages: ["server auth"],
                    issuerRef: { kind: "Issuer", name: "self-signed" },
                },
            },
            { ...opts, dependsOn: [...(opts.dependsOn as pulumi.Resource[]), issuer] },
        );
        return [config, certificate];
    }

    /**
     * The ALB of one scheme for the services it routes: TLS 1.2+ only, HTTP redirected, invalid headers dropped,
     * behind WAF, HTTPS to the pods' TLS sidecars. Behind CloudFront the internet-facing one listens on HTTPS alone
     * (CloudFront reaches it over HTTPS only), its controller-made security group admits CloudFront's origin-facing
     * prefix list instead of 0.0.0.0/0, and its WAF blocks requests without CloudFront's secret header. That prefix
     * list weighs 55 rules of a security group's default 60, so one port only. Internal services get an internal
     * ALB in the app subnets, reachable from inside the VPC only.
     */
    private createIngress(
        prefix: string,
        scheme: LoadBalancerScheme,
        routed: Array<[string, ServiceConfig]>,
        certificateArn: pulumi.Input<string>,
        args: WorkloadsArgs,
        opts: pulumi.CustomResourceOptions,
    ) {
        const ctx = this.ctx;
        const cdn = scheme === "internet-facing" ? args.cdnOrigin : undefined;
        if (!this.webAcl) {
            this.webAcl = managedRulesWebAcl(
                `${prefix}-web-acl`,
                { context: ctx, logsKeyArn: args.logsKeyArn, requiredHeader: args.cdnOrigin?.header },
                { parent: this },
            );
            this.phiLogGroups.push(this.webAcl.logGroup);
        }
        const listening: Record<string, string> = cdn
            ? { "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTPS: 443 }]) }
            : {
                  "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
                  "alb.ingress.kubernetes.io/ssl-redirect": "443",
              };
        const logs = args.accessLogs;
        const attributes = pulumi
            .all([logs?.bucket])
            .apply(([bucket]) =>
                [
                    "routing.http.drop_invalid_header_fields.enabled=true",
                    `deletion_protection.enabled=${ctx.deletionProtection}`,
                    ...(bucket
                        ? ["access_logs.s3.enabled=true", `access_logs.s3.bucket=${bucket}`, `access_logs.s3.prefix=${logs!.prefix}`]
                        : []),
                ].join(","),
            );
        const pathsOn = (host: string) =>
            routed
                .filter(([, svc]) => args.routing.serviceHost(svc) === host)
                .map(([name, svc]) => ({ name, path: ingressPath(name, svc)! }))
                .sort((a, b) => b.path.length - a.path.length)
                .map(({ name, path }) => ({ path, pathType: "Prefix", backend: { service: { name, port: { name: "https" } } } }));
        const hosts = [...new Set(routed.map(([, svc]) => args.routing.serviceHost(svc)))];
        const own = scheme === args.routing.scheme;
        const anyHost = own && args.anyHostPath ? [args.anyHostPath] : [];
        const ingress = new k8s.networking.v1.Ingress(
            own ? `${prefix}-ingress` : `${prefix}-internal-ingress`,
            {
                metadata: {
                    ...this.meta(own ? ctx.app : `${ctx.app}-internal`, {}, "phi"),
                    annotations: {
                        "alb.ingress.kubernetes.io/scheme": scheme,
                        "alb.ingress.kubernetes.io/target-type": "ip",
                        ...listening,
                        ...(cdn ? { "alb.ingress.kubernetes.io/security-group-prefix-lists": cdn.prefixListId } : {}),
                        "alb.ingress.kubernetes.io/ssl-policy": LISTENER_TLS_POLICY,
                        "alb.ingress.kubernetes.io/backend-protocol": "HTTPS",
                        "alb.ingress.kubernetes.io/healthcheck-protocol": "HTTPS",
                        "alb.ingress.kubernetes.io/load-balancer-attributes": attributes,
                        "alb.ingress.kubernetes.io/wafv2-acl-arn": this.webAcl.acl.arn,
                        "alb.ingress.kubernetes.io/tags": `Environment=${ctx.environment},DataClassification=phi,Owner=${ctx.owner},ManagedBy=aws-load-balancer-controller`,
                        "alb.ingress.kubernetes.io/certificate-arn": certificateArn,
                    },
                },
                spec: {
                    ingressClassName: "alb",
                    tls: [{ hosts }],
                    rules: [
                        ...hosts.map((host) => ({ host, http: { paths: pathsOn(host) } })),
                        // Last, so the hosts' own rules keep precedence on the path.
                        ...anyHost.map(({ service, path }) => ({
                            http: {
                                paths: [{ path, pathType: "Exact", backend: { service: { name: service, port: { name: "https" } } } }],
                            },
                        })),
                    ],
                },
            },
            { ...opts, dependsOn: [args.cluster.loadBalancerController, ...(opts.dependsOn as pulumi.Resource[])] },
        );
        // Pulumi awaits an Ingress until its status names the load balancer (the provider's await logic).
        if (own) this.loadBalancerDnsName = ingress.status.loadBalancer.ingress[0].hostname;
    }
}

/**
 * Overrides the replicated login entry's connection with this region's database, keeping every other key as synced
 * (External Secrets, "Advanced Templating": `mergePolicy: Merge` adds the template's keys to the extracted ones,
 * the template's winning). The keys are the rewritten ones: DATABASE_host, DATABASE_readerHosts (a JSON array, as
 * the extracted document holds it).
 */
function localDatabaseTemplate(db: pulumi.Input<{ host: string; readerHosts: string[] }>) {
    const local = pulumi.output(db);
    return {
        engineVersion: "v2",
        mergePolicy: "Merge",
        data: { DATABASE_host: local.host, DATABASE_readerHosts: local.readerHosts.apply((hosts) => JSON.stringify(hosts)) },
    };
}
