import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CloudFrontOrigin } from "../edge/cdn";
import { PlatformContext } from "../context";
import { APP_USER, LISTENER_TLS_POLICY } from "../conventions";
import { FileClient, fileSystemPolicyFor } from "../data/files";
import { attachPolicy } from "../security/iam";
import { LOAD_BALANCER_CHECK_INTERVAL, ServiceConfig, ServicesConfig, taskSizeOf } from "../config/schema/services";
import { logRetentionFloor } from "../audit/log-groups";
import { addSecretReader, SecretReaders, secretReadPolicy, stackSecretReadPolicy } from "../security/secret-read-policies";
import { secretName } from "../data/secrets";
import { serviceEntries, serviceSecretEntry } from "../data/service-secrets";
import { managedRulesWebAcl } from "../edge/waf";
import { AccessLogTarget, Routing } from "./ingress";
import { ingressPath } from "./routing";
import { listenerCertificateArn } from "./certificate";
import { imageReference, imageRepositories } from "./image-repositories";
import { ghcrFirstPullStatement } from "./ghcr";
import { serviceTrustPolicy } from "../security/trust-policies";
import { DataStore } from "../network/data-stores";
import { dataStoresOf } from "./data-clients";
import { AlarmRoutes } from "../monitoring/alarm-routes";
import { albArnSuffix, deploymentAlarm, RoutedService, targetGroupArnSuffix } from "../monitoring/cloudwatch-alarms";
import { metricAlarm } from "../monitoring/metric-alarm";
import { TARGET_CPU_PERCENT, TARGET_MEMORY_PERCENT } from "./scaling";

const RUN_AS = `${APP_USER}:${APP_USER}`;

export interface EcsPlatformArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    vpcCidr: string;
    publicSubnetIds: pulumi.Input<string>[];
    appSubnetIds: pulumi.Input<string>[];
    /** Per data store, the group its clients carry: a task carries the groups of the stores its service uses. */
    clientSecurityGroupIds: Record<DataStore, pulumi.Input<string>>;
    logsKeyArn: pulumi.Input<string>;
    secretsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** ALB access logs go here when given: the storage component's log bucket and the prefix its policy admits. */
    accessLogs?: AccessLogTarget;
    /** With it, operators open shells in tasks (ECS Exec over Session Manager), every session logged here. */
    execute?: ExecuteCommandLogging;
    /** The stack's EFS file system, for services that mount its access points (`careplane:services.<name>.files`). */
    files?: TaskFileStorage;
    /** With CloudFront in front, the ALB admits CloudFront's origin-facing servers only, and requests carrying its header. */
    cdnOrigin?: CloudFrontOrigin;
    /** Where each routed service's deployment alarm notifies while it watches a deployment. */
    alarmRoutes: AlarmRoutes;
    /** The services to run (`careplane:services`). */
    services: ServicesConfig;
    /** The load balancer's host names and the listener's certificate. */
    routing: Routing;
    /** Whether the stack has an analytics database: services that read `database` then get its entry too. */
    analyticsDatabase: boolean;
    /**
     * Whether the business-hours schedule scales the services (careplane:uptime): its scheduled actions then own the
     * scalable targets' range, which Pulumi leaves as it finds it, so an off-hours `pulumi up --refresh` keeps it at zero.
     */
    businessHours?: boolean;
}

export interface TaskFileStorage extends pulumi.Resource {
    fileSystemId: pulumi.Input<string>;
    fileSystemArn: pulumi.Input<string>;
    accessPoints: Record<string, { id: pulumi.Input<string>; arn: pulumi.Input<string> }>;
    /** Tasks start once the file system is reachable in every subnet. */
    mountTargets: pulumi.Resource[];
    policyName: string;
}

/** An ECS service's Application Auto Scaling target (`service/<cluster>/<service>`) and its range in business hours. */
export interface ScalableService {
    service: string;
    resourceId: pulumi.Output<string>;
    min: number;
    max: number;
}

/** The stack's ECS cluster: operators' ECS Exec sessions are scoped to it. */
export function ecsClusterName(ctx: PlatformContext): string {
    return ctx.name("ecs");
}

/** The task volume that carries an EFS access point. */
export const fileVolumeName = (accessPoint: string) => `files-${accessPoint}`;

/** A task role mounts and writes its service's own access points of the file system, and nothing else (never root access). */
export function fileMountPolicy(fileSystemArn: string, accessPointArns: string[]) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "MountOwnAccessPoints",
                Effect: "Allow",
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Resource: fileSystemArn,
                Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArns } },
            },
        ],
    };
}

export interface ExecuteCommandLogging {
    /** The admin-access component's session log group. */
    logGroupName: pulumi.Input<string>;
    /** Encrypts the session stream and the log group. */
    kmsKeyArn: pulumi.Input<string>;
}

/** What a task needs to host an ECS Exec session: the Session Manager channels, the key, its session log. */
export function executeCommandTaskPolicy(p: {
    partition: string;
    region: string;
    accountId: string;
    logGroupName: string;
    kmsKeyArn: string;
}) {
    const logGroupArn = `arn:${p.partition}:logs:${p.region}:${p.accountId}:log-group:${p.logGroupName}`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SessionChannels",
                Effect: "Allow",
                Action: [
                    "ssmmessages:CreateControlChannel",
                    "ssmmessages:CreateDataChannel",
                    "ssmmessages:OpenControlChannel",
                    "ssmmessages:OpenDataChannel",
                ],
                Resource: "*",
            },
            { Sid: "DecryptTheSessionStream", Effect: "Allow", Action: "kms:Decrypt", Resource: p.kmsKeyArn },
            { Sid: "FindTheSessionLog", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
            {
                Sid: "WriteTheSessionLog",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                Resource: `${logGroupArn}:*`,
            },
        ],
    };
}

interface ContainerInput {
    name: string;
    svc: ServiceConfig;
    /** The image the task runs (its ECR repository, by tag and digest). */
    image: string;
    app: string;
    environment: string;
    region: string;
    logGroup: string;
    /** Whether the stack has an analytics database: a service listing `database` reads its login there too. */
    analyticsDatabase: boolean;
}

/**
 * The container's own check of its liveness path, run inside the image with the tool the stack file
 * says it contains; unset timeout and retries keep ECS's defaults (5 s, 3).
 */
export function containerHealthCheck(svc: ServiceConfig) {
    const p = svc.health.liveness;
    const url = `http://localhost:${svc.port}${p.path}`;
    const probe = svc.health.command === "wget" ? `wget -q -O /dev/null ${url}` : `curl -fsS -o /dev/null ${url}`;
    return {
        command: ["CMD-SHELL", `${probe} || exit 1`],
        interval: p.periodSeconds,
        startPeriod: p.initialDelaySeconds,
        ...(p.timeoutSeconds !== undefined && { timeout: p.timeoutSeconds }),
        ...(p.failureThreshold !== undefined && { retries: p.failureThreshold }),
    };
}

/** The ALB's check of a service's targets: its readiness path, timeout and failure threshold. */
export function targetGroupHealthCheck(svc: ServiceConfig) {
    const r = svc.health.readiness;
    return {
        path: r.path,
        matcher: "200",
        interval: LOAD_BALANCER_CHECK_INTERVAL,
        healthyThreshold: 2,
        unhealthyThreshold: r.failureThreshold ?? 3,
        ...(r.timeoutSeconds !== undefined && { timeout: r.timeoutSeconds }),
    };
}

/** The container definition of a service: non-root, read-only root, no capabilities, secrets by reference. */
export function containerDefinitions(c: ContainerInput) {
    const env = { APP_ENV: c.environment, PORT: String(c.svc.port), AWS_REGION: c.region, ...c.svc.config };
    return [
        {
            name: c.name,
            image: c.image,
            essential: true,
            user: RUN_AS,
            readonlyRootFilesystem: true,
            privileged: false,
            linuxParameters: { capabilities: { drop: ["ALL"] }, initProcessEnabled: true },
            portMappings: [{ containerPort: c.svc.port, protocol: "tcp" }],
            environment: Object.entries(env).map(([name, value]) => ({ name, value })),
            // ECS resolves these at start through the execution role; the values never enter the task definition.
            secrets: serviceEntries(c.name, c.svc.secrets, c.analyticsDatabase).map(({ secret, entry }) => ({
                name: secret.toUpperCase().replace(/-/g, "_"),
                valueFrom: `${c.app}/${c.environment}/${entry}`,
            })),
            mountPoints: [
                { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
                ...Object.entries(c.svc.files).map(([accessPoint, containerPath]) => ({
                    sourceVolume: fileVolumeName(accessPoint),
                    containerPath,
                    readOnly: false,
                })),
            ],
            ...(c.svc.health.command && { healthCheck: containerHealthCheck(c.svc) }),
            logConfiguration: {
                logDriver: "awslogs",
                options: { "awslogs-group": c.logGroup, "awslogs-region": c.region, "awslogs-stream-prefix": c.name },
            },
        },
    ];
}

/** An execution role pulls images, writes its service's log group and, when given, injects that service's secrets. */
export function executionRolePolicy(
    logGroupArn: string,
    secrets?: ReturnType<typeof secretReadPolicy>,
    ghcr?: { partition: string; region: string; accountId: string },
) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "PullImages",
                Effect: "Allow",
                Action: ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                Resource: "*",
            },
            {
                Sid: "WriteOwnLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${logGroupArn}:*`,
            },
            ...(secrets?.Statement ?? []),
            // A GHCR image the cache does not hold yet: the execution role has ECR fetch it (pull-through-cache.ts).
            ...(ghcr ? [ghcrFirstPullStatement(ghcr)] : []),
        ],
    };
}

/**
 * Who reaches the ALB: clients on 443, and on 80 for the redirect; behind CloudFront (HTTPS-only to
 * its origin), CloudFront's origin-facing servers on 443 alone.
 */
function albIngress(cdn?: CloudFrontOrigin) {
    const https = { protocol: "tcp", fromPort: 443, toPort: 443 };
    if (cdn) return [{ ...https, prefixListIds: [cdn.prefixListId], description: "HTTPS from CloudFront" }];
    return [
        { ...https, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" },
        { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP, redirected to HTTPS" },
    ];
}

/**
 * The ECS Fargate platform [001]: a cluster with Container Insights, one Fargate service per
 * `careplane:services` entry with CPU and memory target tracking, and an ALB in the public subnets (HTTPS
 * only, WAF, access logs) with a blue and a green target group per routed service; behind
 * CloudFront, an ALB that admits CloudFront alone.
 */
export class EcsPlatform extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly loadBalancerDnsName: pulumi.Output<string>;
    /** The ALB's LoadBalancer metric dimension (`app/<name>/<id>`). */
    readonly loadBalancerDimension: pulumi.Output<string>;
    /** Logs that can hold PHI (the web ACL's request log, the services' logs): only the log readers may read them. */
    readonly phiLogGroups: aws.cloudwatch.LogGroup[] = [];
    /** The task roles that mount EFS access points: the file system policy grants them. */
    private readonly fileClients: FileClient[] = [];
    /** Every service's task role: the PHI buckets' policies admit these. */
    readonly applicationRoleArns: pulumi.Output<string>[] = [];
    /** Task and execution roles (the latter injects them) by the entries they read: the entries' policies admit these. */
    readonly secretReaders: SecretReaders = {};
    /** The services behind the ALB, with their target groups' metric dimensions, for the monitoring component's alarms. */
    readonly routed: RoutedService[] = [];
    /** Each service's scalable target and its autoscaling range, for the business-hours schedule. */
    readonly scalableTargets: ScalableService[] = [];

    constructor(name: string, args: EcsPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:compute:EcsPlatform", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };

        const cluster = new aws.ecs.Cluster(
            name,
            {
                name: ecsClusterName(ctx),
                settings: [{ name: "containerInsights", value: "enabled" }],
                ...(args.execute
                    ? {
                          configuration: {
                              executeCommandConfiguration: {
                                  kmsKeyId: args.execute.kmsKeyArn,
                                  logging: "OVERRIDE",
                                  logConfiguration: {
                                      cloudWatchEncryptionEnabled: true,
                                      cloudWatchLogGroupName: args.execute.logGroupName,
                                  },
                              },
                          },
                      }
                    : {}),
                tags: ctx.tags("confidential"),
            },
            child,
        );
        this.clusterName = cluster.name;

        const services = Object.entries(args.services);
        imageRepositories(`${name}-images`, ctx, args.services, child);
        const registry = { accountId: args.accountId, region: ctx.region };
        const routed = services.filter(([n, s]) => ingressPath(n, s) !== undefined);
        const servicePorts = [...new Set(routed.map(([, s]) => s.port))];

        const cdn = args.cdnOrigin;
        const albSg = new aws.ec2.SecurityGroup(
            `${name}-alb`,
            {
                vpcId: args.vpcId,
                description: cdn
                    ? "ALB: HTTPS from CloudFront's origin-facing servers only; forwards to tasks only"
                    : "ALB: HTTPS and the HTTP redirect from clients; forwards to tasks only",
                ingress: albIngress(cdn),
                egress: servicePorts.map((port) => ({
                    protocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    cidrBlocks: [args.vpcCidr],
                    description: "To service tasks",
                })),
                tags: ctx.tags("internal", { Name: ctx.name("alb") }),
            },
            child,
        );
        const alb = new aws.lb.LoadBalancer(
            `${name}-alb`,
            {
                name: ctx.name("alb"),
                loadBalancerType: "application",
                internal: false,
                subnets: args.publicSubnetIds,
                securityGroups: [albSg.id],
                dropInvalidHeaderFields: true,
                desyncMitigationMode: "strictest",
                enableDeletionProtection: ctx.deletionProtection,
                ...(args.accessLogs
                    ? { accessLogs: { bucket: args.accessLogs.bucket, prefix: args.accessLogs.prefix, enabled: true } }
                    : {}),
                tags: ctx.tags("phi"),
            },
            child,
        );
        this.loadBalancerDimension = alb.arn.apply(albArnSuffix);
        this.loadBalancerDnsName = alb.dnsName;

        const webAcl = managedRulesWebAcl(
            `${name}-web-acl`,
            { context: ctx, logsKeyArn: args.logsKeyArn, requiredHeader: cdn?.header },
            child,
        );
        new aws.wafv2.WebAclAssociation(`${name}-web-acl`, { resourceArn: alb.arn, webAclArn: webAcl.acl.arn }, child);
        this.phiLogGroups.push(webAcl.logGroup);

        const https = new aws.lb.Listener(
            `${name}-https`,
            {
                loadBalancerArn: alb.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy: LISTENER_TLS_POLICY,
                certificateArn: listenerCertificateArn(`${name}-certificate`, ctx, args.routing, child),
                defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "404", contentType: "text/plain" } }],
                tags: ctx.tags("internal"),
            },
            child,
        );
        if (!cdn) {
            new aws.lb.Listener(
                `${name}-http`,
                {
                    loadBalancerArn: alb.arn,
                    port: 80,
                    protocol: "HTTP",
                    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
                    tags: ctx.tags("internal"),
                },
                child,
            );
        }

        // ECS shifts the listener rules' weights between blue and green during a deployment.
        const blueGreenRole = new aws.iam.Role(
            `${name}-blue-green`,
            {
                description: "ECS blue/green deployments shift ALB traffic",
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ecs.amazonaws.com")),
                tags: ctx.tags("internal"),
            },
            child,
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-blue-green`,
            {
                role: blueGreenRole.name,
                policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers`,
            },
            child,
        );

        // Longest paths first, so /api is matched before the web service's catch-all.
        const priorities = new Map(
            routed
                .map(([n, s]) => [n, ingressPath(n, s)!] as const)
                .sort((a, b) => b[1].length - a[1].length)
                .map(([n], i) => [n, (i + 1) * 10]),
        );
        for (const [svcName, svc] of services) {
            const path = ingressPath(svcName, svc);
            const routing = path
                ? this.createRouting(name, svcName, svc, path, priorities.get(svcName)!, https, args, blueGreenRole)
                : undefined;
            const own = this.serviceSecurityGroup(name, svcName, svc, routing ? albSg : undefined, args);
            const clients = dataStoresOf(svc).map((store) => args.clientSecurityGroupIds[store]);
            this.createService(name, svcName, svc, cluster, [own.id, ...clients], routing, imageReference(registry, svc), args);
        }
        // The file system's policy names the task roles, so it is written once they exist. It keeps
        // the name and identity it had as the file storage component's child.
        if (args.files) {
            const files = args.files;
            fileSystemPolicyFor(files.policyName, files, this.fileClients, { parent: this, aliases: [{ parent: files }] });
        }

        this.registerOutputs({ clusterName: this.clusterName, loadBalancerDnsName: this.loadBalancerDnsName });
    }

    /**
     * A service's own group: the ALB on its port when it is routed, HTTPS out (AWS APIs through the endpoints or the
     * NAT gateway, partners). The data stores admit only their clients' groups, which the task carries besides.
     */
    private serviceSecurityGroup(
        prefix: string,
        name: string,
        svc: ServiceConfig,
        albSg: aws.ec2.SecurityGroup | undefined,
        args: EcsPlatformArgs,
    ): aws.ec2.SecurityGroup {
        const ctx = args.context;
        return new aws.ec2.SecurityGroup(
            `${prefix}-${name}-tasks`,
            {
                vpcId: args.vpcId,
                description: `ECS ${name} tasks: ${albSg ? "the ALB on the service port, " : ""}HTTPS out`,
                ingress: albSg
                    ? [{ protocol: "tcp", fromPort: svc.port, toPort: svc.port, securityGroups: [albSg.id], description: "From the ALB" }]
                    : [],
                egress: [
                    {
                        protocol: "tcp",
                        fromPort: 443,
                        toPort: 443,
                        cidrBlocks: ["0.0.0.0/0"],
                        description: "HTTPS to AWS APIs and partners",
                    },
                ],
                tags: ctx.tags("internal", { Name: ctx.name(`${name}-tasks`), Service: name }),
            },
            { parent: this },
        );
    }

    /** Blue and green target groups and the HTTPS rule that forwards the service's path to them. */
    private createRouting(
        prefix: string,
        name: string,
        svc: ServiceConfig,
        path: string,
        priority: number,
        listener: aws.lb.Listener,
        args: EcsPlatformArgs,
        blueGreenRole: aws.iam.Role,
    ) {
        const ctx = args.context;
        const targetGroup = (color: "blue" | "green") =>
            new aws.lb.TargetGroup(
                `${prefix}-${name}-${color}`,
                {
                    // Target-group names stop at 32 characters.
                    name: `${ctx.name(name).slice(0, 26)}-${color}`.replace("--", "-"),
                    vpcId: args.vpcId,
                    targetType: "ip",
                    port: svc.port,
                    protocol: "HTTP",
                    deregistrationDelay: 30,
                    healthCheck: targetGroupHealthCheck(svc),
                    tags: ctx.tags("internal", { Service: name, Slot: color }),
                },
                { parent: this },
            );
        const blue = targetGroup("blue");
        const green = targetGroup("green");
        const watched: RoutedService = { name, blue: blue.arn.apply(targetGroupArnSuffix), green: green.arn.apply(targetGroupArnSuffix) };
        this.routed.push(watched);
        const rule = new aws.lb.ListenerRule(
            `${prefix}-${name}`,
            {
                listenerArn: listener.arn,
                priority,
                conditions: [{ pathPattern: { values: path === "/" ? ["/*"] : [path, `${path}/*`] } }],
                actions: [
                    {
                        type: "forward",
                        forward: {
                            targetGroups: [
                                { arn: blue.arn, weight: 100 },
                                { arn: green.arn, weight: 0 },
                            ],
                        },
                    },
                ],
                tags: ctx.tags("internal", { Service: name }),
            },
            { parent: this, ignoreChanges: ["actions"] },
        );
        return { blue, green, rule, role: blueGreenRole, watched };
    }

    private createService(
        prefix: string,
        name: string,
        svc: ServiceConfig,
        cluster: aws.ecs.Cluster,
        securityGroups: pulumi.Input<string>[],
        routing: ReturnType<EcsPlatform["createRouting"]> | undefined,
        image: pulumi.Output<string>,
        args: EcsPlatformArgs,
    ) {
        const ctx = args.context;
        const id = `${prefix}-${name}`;
        const child = { parent: this };

        const logGroup = new aws.cloudwatch.LogGroup(
            id,
            {
                name: `/careplane/${ecsClusterName(ctx)}/${name}`,
                retentionInDays: logRetentionFloor(ctx, "application"),
                kmsKeyId: args.logsKeyArn,
                tags: ctx.tags("phi", { Service: name }),
            },
            child,
        );
        this.phiLogGroups.push(logGroup);

        const secretPolicy = stackSecretReadPolicy(
            ctx,
            args,
            serviceEntries(name, svc.secrets, args.analyticsDatabase).map((e) => e.entry),
        );
        const role = (suffix: string, description: string) =>
            new aws.iam.Role(
                `${id}-${suffix}`,
                {
                    description,
                    assumeRolePolicy: pulumi
                        .output(args.accountId)
                        .apply((a) => JSON.stringify(serviceTrustPolicy("ecs-tasks.amazonaws.com", a))),
                    tags: ctx.tags("confidential", { Service: name }),
                },
                child,
            );
        const executionRole = role("execution", `ECS ${name}: pulls its image, writes its logs, injects its own secrets`);
        attachPolicy(
            `${id}-execution`,
            ctx,
            executionRole,
            `ECS ${name}: pull its image, write its logs, inject its own secrets`,
            pulumi
                .all([secretPolicy, logGroup.arn, args.partition, args.accountId])
                .apply(([secrets, logGroupArn, partition, accountId]) =>
                    JSON.stringify(
                        executionRolePolicy(
                            logGroupArn,
                            svc.secrets.length > 0 ? secrets : undefined,
                            svc.registry === "ghcr" ? { partition, region: ctx.region, accountId } : undefined,
                        ),
                    ),
                ),
            child,
        );
        const taskRole = role("task", `ECS ${name}: reads its own secrets at run time`);
        this.applicationRoleArns.push(taskRole.arn);
        const entries = svc.secrets.map((s) => secretName(ctx, serviceSecretEntry(name, s)));
        addSecretReader(this.secretReaders, entries, taskRole.arn);
        addSecretReader(this.secretReaders, entries, executionRole.arn);
        if (svc.secrets.length > 0) {
            attachPolicy(
                `${id}-task`,
                ctx,
                taskRole,
                `ECS ${name}: read its own secrets`,
                secretPolicy.apply((p) => JSON.stringify(p)),
                child,
            );
        }
        const execute = args.execute;
        if (execute) {
            attachPolicy(
                `${id}-execute`,
                ctx,
                taskRole,
                `ECS ${name}: host logged ECS Exec sessions`,
                pulumi
                    .all([args.partition, args.accountId, execute.logGroupName, execute.kmsKeyArn])
                    .apply(([partition, accountId, logGroupName, kmsKeyArn]) =>
                        JSON.stringify(executeCommandTaskPolicy({ partition, region: ctx.region, accountId, logGroupName, kmsKeyArn })),
                    ),
                child,
            );
        }

        const mounts = this.fileMounts(name, svc, args.files);
        if (mounts) {
            attachPolicy(
                `${id}-files`,
                ctx,
                taskRole,
                `ECS ${name}: mount its own EFS access points`,
                pulumi
                    .all([mounts.files.fileSystemArn, pulumi.all(mounts.accessPointArns)])
                    .apply(([fileSystemArn, accessPointArns]) => JSON.stringify(fileMountPolicy(fileSystemArn, accessPointArns))),
                child,
            );
            this.fileClients.push({ name, roleArn: taskRole.arn, accessPointArns: mounts.accessPointArns });
        }

        // Seed 001 rolls back when targets answer more than 10 5XX in the 5 minutes after the switch: ECS watches
        // this alarm through the deployment and its bake time and rolls back itself (the circuit breaker below
        // covers tasks that never become healthy).
        const rollbackAlarm =
            routing &&
            metricAlarm(`${id}-deploy-5xx`, ctx, deploymentAlarm(this.loadBalancerDimension, routing.watched), args.alarmRoutes, child);

        const size = taskSizeOf(svc);
        const taskDefinition = new aws.ecs.TaskDefinition(
            id,
            {
                family: ctx.name(name),
                requiresCompatibilities: ["FARGATE"],
                networkMode: "awsvpc",
                cpu: String(size.cpu),
                memory: String(size.memory),
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
                executionRoleArn: executionRole.arn,
                taskRoleArn: taskRole.arn,
                volumes: [{ name: "tmp" }, ...(mounts?.volumes ?? [])],
                containerDefinitions: pulumi.all([logGroup.name, image]).apply(([group, imageRef]) =>
                    JSON.stringify(
                        containerDefinitions({
                            name,
                            svc,
                            image: imageRef,
                            app: ctx.app,
                            environment: ctx.environment,
                            region: ctx.region,
                            logGroup: group,
                            analyticsDatabase: args.analyticsDatabase,
                        }),
                    ),
                ),
                tags: ctx.tags("confidential", { Service: name }),
            },
            child,
        );

        const service = new aws.ecs.Service(
            id,
            {
                name,
                cluster: cluster.arn,
                taskDefinition: taskDefinition.arn,
                launchType: "FARGATE",
                platformVersion: "1.4.0",
                desiredCount: svc.replicas.min,
                networkConfiguration: { subnets: args.appSubnetIds, securityGroups, assignPublicIp: false },
                deploymentCircuitBreaker: { enable: true, rollback: true },
                ...(rollbackAlarm && { alarms: { alarmNames: [rollbackAlarm.name], enable: true, rollback: true } }),
                enableExecuteCommand: execute !== undefined,
                enableEcsManagedTags: true,
                propagateTags: "SERVICE",
                ...(routing
                    ? {
                          // Seed 001 watches a new colour for five minutes before retiring the old one.
                          deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" },
                          healthCheckGracePeriodSeconds: 60,
                          loadBalancers: [
                              {
                                  targetGroupArn: routing.blue.arn,
                                  containerName: name,
                                  containerPort: svc.port,
                                  advancedConfiguration: {
                                      alternateTargetGroupArn: routing.green.arn,
                                      productionListenerRule: routing.rule.arn,
                                      roleArn: routing.role.arn,
                                  },
                              },
                          ],
                      }
                    : { deploymentConfiguration: { strategy: "ROLLING" } }),
                tags: ctx.tags("phi", { Service: name }),
            },
            // Autoscaling owns the running count once the service exists.
            { parent: this, ignoreChanges: ["desiredCount"], dependsOn: mounts?.files.mountTargets ?? [] },
        );

        const resourceId = pulumi.interpolate`service/${cluster.name}/${service.name}`;
        const target = new aws.appautoscaling.Target(
            id,
            {
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId,
                minCapacity: svc.replicas.min,
                maxCapacity: svc.replicas.max,
                tags: ctx.tags("internal", { Service: name }),
            },
            args.businessHours ? { ...child, ignoreChanges: ["minCapacity", "maxCapacity"] } : child,
        );
        this.scalableTargets.push({ service: name, resourceId: target.resourceId, min: svc.replicas.min, max: svc.replicas.max });
        // With two target-tracking policies ECS scales out when either asks and in only when both allow it.
        const tracking = (metric: "cpu" | "memory", targetValue: number, predefinedMetricType: string) =>
            new aws.appautoscaling.Policy(
                `${id}-${metric}`,
                {
                    name: `${ctx.name(name)}-${metric}`,
                    policyType: "TargetTrackingScaling",
                    serviceNamespace: target.serviceNamespace,
                    scalableDimension: target.scalableDimension,
                    resourceId: target.resourceId,
                    targetTrackingScalingPolicyConfiguration: {
                        targetValue,
                        predefinedMetricSpecification: { predefinedMetricType },
                        scaleInCooldown: 300,
                        scaleOutCooldown: 60,
                    },
                },
                child,
            );
        tracking("cpu", TARGET_CPU_PERCENT, "ECSServiceAverageCPUUtilization");
        tracking("memory", TARGET_MEMORY_PERCENT, "ECSServiceAverageMemoryUtilization");
    }

    /** A service's EFS volumes (TLS in transit, its access point, IAM authorization), or undefined when it mounts none. */
    private fileMounts(name: string, svc: ServiceConfig, files: TaskFileStorage | undefined) {
        const accessPoints = Object.keys(svc.files);
        if (accessPoints.length === 0) return undefined;
        if (!files) throw new Error(`service ${name} mounts ${accessPoints.join(", ")} but the stack builds no file system`);
        return {
            files,
            accessPointArns: accessPoints.map((ap) => files.accessPoints[ap].arn),
            volumes: accessPoints.map((ap) => ({
                name: fileVolumeName(ap),
                efsVolumeConfiguration: {
                    fileSystemId: files.fileSystemId,
                    transitEncryption: "ENABLED",
                    authorizationConfig: { accessPointId: files.accessPoints[ap].id, iam: "ENABLED" },
                },
            })),
        };
    }
}
