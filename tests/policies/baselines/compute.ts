import { aws, Fixture, res, retyped } from "../../support/controls";

export const EKS = "aws:eks/cluster:Cluster";
export const cluster = aws(EKS, "cluster", {
    roleArn: "arn:role",
    vpcConfig: { subnetIds: ["a", "b"], endpointPrivateAccess: true, endpointPublicAccess: false },
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/cluster" } },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
});
// Kubernetes workloads.
export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const labels = (env = "prod") => ({ environment: env, "data-classification": "phi", owner: "platform-team", app: "api" });
export const container = {
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
export function deployment(podSpec: Record<string, unknown> = {}, c: Record<string, unknown> = {}): Fixture {
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
/**
 * The api Deployment's pod as each other workload kind carries it (a Pod's own spec, a template
 * under spec, a CronJob's under its job template): a control must find the pod wherever it sits.
 */
export function inEveryOtherWorkload(podSpec: Record<string, unknown> = {}, c: Record<string, unknown> = {}): Fixture[] {
    const template = deployment(podSpec, c).inputs.spec.template;
    const job = { template: { ...template, spec: { ...template.spec, restartPolicy: "Never" } } };
    const selector = { matchLabels: { app: "api" } };
    const kinds: Array<[string, string, string, Record<string, unknown>]> = [
        ["kubernetes:core/v1:Pod", "v1", "Pod", template.spec],
        ["kubernetes:apps/v1:StatefulSet", "apps/v1", "StatefulSet", { serviceName: "api", replicas: 3, selector, template }],
        ["kubernetes:apps/v1:DaemonSet", "apps/v1", "DaemonSet", { selector, template }],
        ["kubernetes:apps/v1:ReplicaSet", "apps/v1", "ReplicaSet", { replicas: 3, selector, template }],
        ["kubernetes:batch/v1:Job", "batch/v1", "Job", job],
        ["kubernetes:batch/v1:CronJob", "batch/v1", "CronJob", { schedule: "0 3 * * *", jobTemplate: { spec: job } }],
    ];
    return kinds.map(([type, apiVersion, kind, spec]) => {
        const name = `api-${kind.toLowerCase()}`;
        return res(type, name, { apiVersion, kind, metadata: { name, namespace: "caresync", labels: labels() }, spec });
    });
}
export const ctx = (extra: Record<string, unknown>) => ({ securityContext: { ...container.securityContext, ...extra } });
export const api = deployment();
// ECS.
export const TASK = "aws:ecs/taskDefinition:TaskDefinition";
export const ecsContainer = {
    name: "backend",
    image: "ghcr.io/caresync/backend:3.1.0",
    user: "1000",
    readonlyRootFilesystem: true,
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/careplane/backend", "awslogs-region": "us-east-1" } },
};
export const task = (c: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    aws(TASK, "backend", {
        family: "backend",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        containerDefinitions: JSON.stringify([{ ...ecsContainer, ...c }]),
        ...extra,
    });
// Load balancers and WAF.
export const LB = "aws:lb/loadBalancer:LoadBalancer";
export const LISTENER = "aws:lb/listener:Listener";
export const alb = aws(LB, "public", {
    internal: false,
    loadBalancerType: "application",
    dropInvalidHeaderFields: true,
    enableDeletionProtection: true,
    accessLogs: { bucket: "caresync-prod-logs", prefix: "alb", enabled: true },
});
export const https = aws(
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
export const http = aws(
    LISTENER,
    "http",
    {
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    },
    { loadBalancerArn: alb },
);
export const acl = aws("aws:wafv2/webAcl:WebAcl", "acl", { scope: "REGIONAL", defaultAction: { allow: {} } });
export const association = res(
    "aws:wafv2/webAclAssociation:WebAclAssociation",
    "acl-alb",
    { resourceArn: "arn:alb", webAclArn: "arn:acl" },
    { resourceArn: alb, webAclArn: acl },
);
export const aclLogging = res(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    "acl-logs",
    { resourceArn: "arn:acl", logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-caresync"] },
    { resourceArn: acl },
);
export const edge = [alb, https, http, acl, association, aclLogging];
/**
 * The same fixtures declared through the aws.alb aliases of aws.lb's LoadBalancer and Listener,
 * which reach the pack under their own type tokens (aws:alb/loadBalancer, aws:alb/listener).
 */
export const throughAlbAliases = (fixtures: Fixture[]): Fixture[] =>
    retyped(fixtures, { [LB]: "aws:alb/loadBalancer:LoadBalancer", [LISTENER]: "aws:alb/listener:Listener" });
export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
export const annotations = {
    "alb.ingress.kubernetes.io/scheme": "internet-facing",
    "alb.ingress.kubernetes.io/listen-ports": JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
    "alb.ingress.kubernetes.io/ssl-redirect": "443",
    "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "alb.ingress.kubernetes.io/load-balancer-attributes":
        "routing.http.drop_invalid_header_fields.enabled=true,deletion_protection.enabled=true",
    "alb.ingress.kubernetes.io/wafv2-acl-arn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/caresync/abc",
    "alb.ingress.kubernetes.io/backend-protocol": "HTTPS",
};
export const ingress = (change: Record<string, string | undefined> = {}) =>
    res(INGRESS, "ingress", {
        metadata: {
            name: "caresync",
            namespace: "caresync",
            labels: labels(),
            annotations: JSON.parse(JSON.stringify({ ...annotations, ...change })),
        },
        spec: { ingressClassName: "alb", rules: [] },
    });

// Business-hours schedules (components/uptime/business-hours.ts): what a dev stack runs, in any environment.
export const SCHEDULE = "aws:scheduler/schedule:Schedule";
export const SCHEDULED_ACTION = "aws:appautoscaling/scheduledAction:ScheduledAction";
/** EventBridge Scheduler's universal target for EKS UpdateNodegroupConfig, sizing the node group to `size` at `hour`. */
export const nodeGroupSchedule = (name: string, hour: number, size: number): Fixture =>
    res(SCHEDULE, name, {
        name: `caresync-${name}`,
        scheduleExpression: `cron(0 ${hour} ? * MON-FRI *)`,
        scheduleExpressionTimezone: "America/New_York",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
            arn: "arn:aws:scheduler:::aws-sdk:eks:updateNodegroupConfig",
            roleArn: "arn:aws:iam::123456789012:role/caresync-business-hours",
            input: JSON.stringify({
                clusterName: "caresync-eks",
                nodegroupName: "nodes",
                scalingConfig: { minSize: size, desiredSize: size },
            }),
        },
    });
/** An Application Auto Scaling scheduled action holding an ECS service's range at min–max from `hour`. */
export const serviceScheduledAction = (name: string, hour: number, min: number, max: number): Fixture =>
    res(SCHEDULED_ACTION, name, {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: "service/caresync-ecs/api",
        schedule: `cron(0 ${hour} ? * MON-FRI *)`,
        timezone: "America/New_York",
        scalableTargetAction: { minCapacity: min, maxCapacity: max },
    });
