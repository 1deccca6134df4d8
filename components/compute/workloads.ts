import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MONITORING_NAMESPACE, PROMETHEUS_POD_LABELS } from "../monitoring/kube-prometheus-stack";
import { CloudFrontOrigin } from "../edge/cdn";
import { EksCluster } from "./eks-cluster";
import { AccessLogTarget, ingressHostname, ingressPath, serviceHost } from "./ingress";
import { serviceAccountTrustPolicy } from "../security/trust-policies";
import { DataClassification, PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { ProbeConfig, ServiceConfig } from "../config/schema/services";
import { addSecretReader, SecretReaders, stackSecretReadPolicy } from "../security/secret-read-policies";
import { secretName } from "../data/secrets";
import { serviceEntries, serviceSecretEntry } from "../data/service-secrets";
import { managedRulesWebAcl } from "../edge/waf";
import { TARGET_CPU_PERCENT, TARGET_MEMORY_PERCENT } from "./scaling";

/** Ports of the data tier that api and worker pods may reach. */
export const dataPorts = { postgres: 5432, redis: 6379 };

/** The pods' non-root identity (any UID above the system range works with PSA restricted). */
const RUN_AS = 10001;

export interface WorkloadsArgs {
    context: PlatformContext;
    /** Provider, IRSA issuer and the controllers the objects below need. */
    cluster: EksCluster;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** The secrets KMS key: services decrypt their own secrets with it, through Secrets Manager only. */
    secretsKeyArn: pulumi.Input<string>;
    /** Where the database and cache live: api and worker pods may reach these, on their ports. */
    dataSubnetCidrs: string[];
    /** Where the load balancer's nodes live: web and api pods admit traffic from these. */
    loadBalancerSubnetCidrs: string[];
    /** The VPC block: api and worker pods reach AWS APIs through its interface endpoints. */
    vpcCidr: string;
    /** Encrypts the WAF log group. */
    logsKeyArn: pulumi.Input<string>;
    /** ALB access logs go here when given: the storage component's log bucket and the prefix its policy admits. */
    accessLogs?: AccessLogTarget;
    /** With CloudFront in front, the ALB admits CloudFront's origin-facing servers only, and requests carrying its header. */
    cdnOrigin?: CloudFrontOrigin;
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

/** The namespace the services run in: `careplane:compute.namespace`, else `<app>-<env>`. */
export function workloadsNamespace(ctx: PlatformContext): string {
    return ctx.config.compute.namespace ?? `${ctx.config.app}-${ctx.environment}`;
}

/** The label a service's Service, pods and ServiceMonitor select it by. */
export function serviceSelector(name: string): Record<string, string> {
    return { "app.kubernetes.io/name": name };
}

/** Labels every Kubernetes object carries, as AWS resources carry the tags; policies read them. */
export function standardLabels(
    ctx: PlatformContext,
    classification: DataClassification,
    extra: Record<string, string> = {},
): Record<string, string> {
    return {
        environment: ctx.environment,
        "data-classification": classification,
        owner: ctx.config.owner,
        "app.kubernetes.io/part-of": ctx.config.app,
        "app.kubernetes.io/managed-by": "pulumi",
        ...extra,
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
 * The ALB's check of a service's targets: its readiness path, timeout and threshold. The load balancer
 * controller reads these from the Service, per backend: health check annotations apply on Ingress and
 * Service, the Service's taking precedence (kubernetes-sigs.github.io/aws-load-balancer-controller,
 * guide/ingress/annotations).
 */
export function targetHealthAnnotations(svc: ServiceConfig): Record<string, string> {
    const r = svc.health.readiness;
    return {
        "alb.ingress.kubernetes.io/healthcheck-path": r.path,
        ...(r.timeoutSeconds !== undefined && { "alb.ingress.kubernetes.io/healthcheck-timeout-seconds": String(r.timeoutSeconds) }),
        ...(r.failureThreshold !== undefined && { "alb.ingress.kubernetes.io/unhealthy-threshold-count": String(r.failureThreshold) }),
    };
}

/** The pod spec of a service: non-root, read-only root, no capabilities, probes [000], limits [000, 003]. */
export function podSpec(name: string, svc: ServiceConfig): k8s.types.input.core.v1.PodSpec {
    return {
        serviceAccountName: name,
        // Pods need no Kubernetes API token; the IRSA web-identity token is projected separately.
        automountServiceAccountToken: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS,
            runAsGroup: RUN_AS,
            fsGroup: RUN_AS,
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
                image: `${svc.image}:${svc.tag}`,
                imagePullPolicy: "IfNotPresent",
                ports: [{ name: "http", containerPort: svc.port, protocol: "TCP" }],
                envFrom: [
                    { configMapRef: { name: `${name}-config` } },
                    ...(svc.secrets.length > 0 ? [{ secretRef: { name: `${name}-secrets` } }] : []),
                ],
                resources: svc.resources,
                livenessProbe: httpProbe(svc.health.liveness),
                readinessProbe: httpProbe(svc.health.readiness),
                securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    privileged: false,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                },
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
        ],
        volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
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

    private readonly ctx: PlatformContext;
    private readonly k8sOpts: pulumi.CustomResourceOptions;

    constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:workloads:Workloads", name, {}, opts);
        const ctx = (this.ctx = args.context);
        this.k8sOpts = { parent: this, provider: args.cluster.kubernetesProvider };
        const services = Object.entries(ctx.config.services);
        this.hostname = ingressHostname(ctx);

        const namespace = this.createNamespace(name);
        this.namespace = namespace.metadata.name;
        const nsOpts = { ...this.k8sOpts, dependsOn: [namespace] };
        this.createBaselinePolicies(name, nsOpts);

        for (const [svcName, svc] of services) {
            this.createService(name, svcName, svc, args, nsOpts);
        }
        const routed = services.filter(([n, s]) => ingressPath(n, s) !== undefined);
        if (routed.length > 0) this.createIngress(name, routed, args, nsOpts);

        this.registerOutputs({ namespace: this.namespace, hostname: this.hostname });
    }

    /** Services handle patient data; everything else describes how they run. */
    private meta(name: string, extra: Record<string, string> = {}, classification: DataClassification = "internal") {
        return { name, namespace: this.namespace, labels: standardLabels(this.ctx, classification, extra) };
    }

    private createNamespace(name: string): k8s.core.v1.Namespace {
        const psaVersion = `v${this.ctx.config.compute.kubernetesVersion}`;
        return new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: workloadsNamespace(this.ctx),
                    labels: standardLabels(this.ctx, "phi", {
                        "pod-security.kubernetes.io/enforce": "restricted",
                        "pod-security.kubernetes.io/enforce-version": psaVersion,
                        "pod-security.kubernetes.io/audit": "restricted",
                        "pod-security.kubernetes.io/audit-version": psaVersion,
                        "pod-security.kubernetes.io/warn": "restricted",
                        "pod-security.kubernetes.io/warn-version": psaVersion,
                    }),
                },
            },
            this.k8sOpts,
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

    private createService(prefix: string, name: string, svc: ServiceConfig, args: WorkloadsArgs, opts: pulumi.CustomResourceOptions) {
        const ctx = this.ctx;
        const id = `${prefix}-${name}`;
        const selector = serviceSelector(name);
        const labels = { ...selector, "careplane.io/tier": svc.tier };

        const role = new aws.iam.Role(
            id,
            {
                description: `IRSA: ${name} reads its own secrets`,
                assumeRolePolicy: pulumi
                    .all([args.cluster.oidcProviderArn, args.cluster.oidcIssuerHost, this.namespace])
                    .apply(([oidcProviderArn, issuerHost, namespace]) =>
                        JSON.stringify(serviceAccountTrustPolicy({ oidcProviderArn, issuerHost, namespace, serviceAccount: name })),
                    ),
                tags: ctx.tags("confidential", { Service: name }),
            },
            { parent: this },
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
                    serviceEntries(name, svc.secrets, ctx.config.database.analytics.enabled).map((e) => e.entry),
                ).apply((p) => JSON.stringify(p)),
                { parent: this },
            );
        }
        const serviceAccount = new k8s.core.v1.ServiceAccount(
            id,
            {
                metadata: { ...this.meta(name, labels), annotations: { "eks.amazonaws.com/role-arn": role.arn } },
                automountServiceAccountToken: false,
            },
            opts,
        );

        const configMap = new k8s.core.v1.ConfigMap(
            `${id}-config`,
            {
                metadata: this.meta(`${name}-config`, labels),
                data: { APP_ENV: ctx.environment, PORT: String(svc.port), AWS_REGION: ctx.config.region, ...svc.config },
            },
            opts,
        );

        const dependsOn: pulumi.Resource[] = [serviceAccount, configMap];
        if (svc.secrets.length > 0) dependsOn.push(this.createExternalSecret(id, name, svc, labels, serviceAccount, args, opts));

        const deployment = new k8s.apps.v1.Deployment(
            id,
            {
                metadata: this.meta(name, labels, "phi"),
                spec: {
                    replicas: svc.replicas.min,
                    revisionHistoryLimit: 5,
                    selector: { matchLabels: selector },
                    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
                    template: { metadata: { labels: standardLabels(ctx, "phi", labels) }, spec: podSpec(name, svc) },
                },
            },
            { ...opts, dependsOn },
        );

        new k8s.core.v1.Service(
            id,
            {
                metadata: { ...this.meta(name, labels), annotations: targetHealthAnnotations(svc) },
                spec: { type: "ClusterIP", selector, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] },
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
        const crdOpts = { ...opts, dependsOn: [args.cluster.externalSecretsOperator, serviceAccount] };
        const store = new k8s.apiextensions.CustomResource(
            `${id}-store`,
            {
                apiVersion: "external-secrets.io/v1",
                kind: "SecretStore",
                metadata: this.meta(name, labels),
                spec: {
                    provider: {
                        aws: {
                            service: "SecretsManager",
                            region: ctx.config.region,
                            auth: { jwt: { serviceAccountRef: { name } } },
                        },
                    },
                },
            },
            crdOpts,
        );
        return new k8s.apiextensions.CustomResource(
            `${id}-secrets`,
            {
                apiVersion: "external-secrets.io/v1",
                kind: "ExternalSecret",
                metadata: this.meta(`${name}-secrets`, labels, "confidential"),
                spec: {
                    refreshInterval: "1h",
                    secretStoreRef: { kind: "SecretStore", name },
                    target: { name: `${name}-secrets`, creationPolicy: "Owner", deletionPolicy: "Retain" },
                    // Each secret's JSON keys become variables prefixed with the secret's name: DATABASE_password.
                    dataFrom: serviceEntries(name, svc.secrets, ctx.config.database.analytics.enabled).map(({ secret, entry }) => ({
                        extract: { key: `${ctx.config.app}/${ctx.environment}/${entry}` },
                        rewrite: [{ regexp: { source: "(.*)", target: `${secret.toUpperCase().replace(/-/g, "_")}_$1` } }],
                    })),
                },
            },
            { ...crdOpts, dependsOn: [store] },
        );
    }

    /** What a tier may talk to: web and api take traffic from the load balancer; api and worker reach the data tier. */
    private createServicePolicy(id: string, name: string, svc: ServiceConfig, args: WorkloadsArgs, opts: pulumi.CustomResourceOptions) {
        const services = Object.entries(this.ctx.config.services);
        const apiNames = services.filter(([, s]) => s.tier === "api").map(([n]) => n);
        const webNames = services.filter(([, s]) => s.tier === "web").map(([n]) => n);
        const podsNamed = (names: string[]) => ({
            podSelector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: names }] },
        });
        const port = [{ protocol: "TCP", port: svc.port }];
        const ingress: any[] = [];
        const egress: any[] = [];
        if (svc.tier !== "worker") {
            ingress.push({ from: args.loadBalancerSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: port });
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
        if (svc.tier !== "web") {
            egress.push({
                to: args.dataSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } })),
                ports: Object.values(dataPorts).map((p) => ({ protocol: "TCP", port: p })),
            });
            egress.push({ to: [{ ipBlock: { cidr: args.vpcCidr } }], ports: [{ protocol: "TCP", port: 443 }] });
        }
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

    /**
     * One ALB for the routed services: TLS 1.2+ only, HTTP redirected, invalid headers dropped, behind WAF. Behind
     * CloudFront it listens on HTTPS alone (CloudFront reaches it over HTTPS only), its controller-made security group
     * admits CloudFront's origin-facing prefix list instead of 0.0.0.0/0, and its WAF blocks requests without
     * CloudFront's secret header. That prefix list weighs 55 rules of a security group's default 60, so one port only.
     */
    private createIngress(prefix: string, routed: Array<[string, ServiceConfig]>, args: WorkloadsArgs, opts: pulumi.CustomResourceOptions) {
        const ctx = this.ctx;
        const cfg = ctx.config.compute;
        const cdn = args.cdnOrigin;
        const webAcl = managedRulesWebAcl(
            `${prefix}-web-acl`,
            { context: ctx, logsKeyArn: args.logsKeyArn, requiredHeader: cdn?.header },
            { parent: this },
        );
        this.phiLogGroups.push(webAcl.logGroup);
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
                    `deletion_protection.enabled=${ctx.config.profile.deletionProtection}`,
                    ...(bucket
                        ? ["access_logs.s3.enabled=true", `access_logs.s3.bucket=${bucket}`, `access_logs.s3.prefix=${logs!.prefix}`]
                        : []),
                ].join(","),
            );
        const pathsOn = (host: string) =>
            routed
                .filter(([, svc]) => serviceHost(ctx, svc) === host)
                .map(([name, svc]) => ({ name, path: ingressPath(name, svc)! }))
                .sort((a, b) => b.path.length - a.path.length)
                .map(({ name, path }) => ({ path, pathType: "Prefix", backend: { service: { name, port: { name: "http" } } } }));
        const hosts = [...new Set(routed.map(([, svc]) => serviceHost(ctx, svc)))];
        new k8s.networking.v1.Ingress(
            `${prefix}-ingress`,
            {
                metadata: {
                    ...this.meta(ctx.config.app, {}, "phi"),
                    annotations: {
                        "alb.ingress.kubernetes.io/scheme": cfg.ingress.scheme,
                        "alb.ingress.kubernetes.io/target-type": "ip",
                        ...listening,
                        ...(cdn ? { "alb.ingress.kubernetes.io/security-group-prefix-lists": cdn.prefixListId } : {}),
                        "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        "alb.ingress.kubernetes.io/load-balancer-attributes": attributes,
                        "alb.ingress.kubernetes.io/wafv2-acl-arn": webAcl.acl.arn,
                        "alb.ingress.kubernetes.io/tags": `Environment=${ctx.environment},DataClassification=phi,Owner=${ctx.config.owner},ManagedBy=aws-load-balancer-controller`,
                        ...(cfg.certificateArn ? { "alb.ingress.kubernetes.io/certificate-arn": cfg.certificateArn } : {}),
                    },
                },
                spec: {
                    ingressClassName: "alb",
                    // Without a certificate ARN the controller finds the ACM certificate for this host.
                    tls: [{ hosts }],
                    rules: hosts.map((host) => ({ host, http: { paths: pathsOn(host) } })),
                },
            },
            { ...opts, dependsOn: [args.cluster.loadBalancerController, ...(opts.dependsOn as pulumi.Resource[])] },
        );
    }
}
