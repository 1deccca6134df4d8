import { z } from "zod";
import { Environment, EnvironmentProfile, ServiceTier, serviceTiers } from "../profiles";
import { FilesConfig } from "./files";
import { databaseRoleSecretNames, standardSecretNames } from "./secrets";

const cpu = z.string({ error: "expected a CPU quantity such as 250m" }).regex(/^([1-9]\d*m|\d+(\.\d+)?)$/, {
    error: "expected a CPU quantity such as 250m or 1",
});
const memory = z.string({ error: "expected a memory quantity such as 512Mi" }).regex(/^[1-9]\d*(Mi|Gi)$/, {
    error: "expected a memory quantity such as 512Mi or 1Gi",
});

/** Where a service's image is pushed: the stack's own ECR repository, or GitHub Container Registry through the pull-through cache. */
export const imageRegistries = ["ecr", "ghcr"] as const;

const dnsName = z
    .string({ error: "expected a DNS name such as api.example.org" })
    .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { error: "expected a DNS name such as api.example.org" });

/** Top-level directories a mount may not shadow: /tmp is the task's scratch volume, the rest belong to the image's system. */
const reservedRoots = ["tmp", "proc", "sys", "dev", "etc", "bin", "sbin", "usr", "lib", "lib64", "root"];
const mountPath = z
    .string({ error: "expected an absolute container path such as /opt/hims/uploads" })
    .regex(/^(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/, { error: "expected an absolute container path such as /opt/hims/uploads" })
    .refine((p) => !reservedRoots.includes(p.split("/")[1]), {
        error: `/${reservedRoots.join(", /")} are the task's scratch volume or the image's system; mount under an application directory such as /opt/hims/uploads`,
    });

/**
 * Fargate's task sizes: each CPU figure (CPU units, 1024 = 1 vCPU) with the memory figures (MiB) it
 * accepts (Amazon ECS developer guide, "Amazon ECS task definition parameters for Fargate", Task size).
 */
export const fargateSizes: Record<number, number[]> = {
    256: [512, 1024, 2048],
    512: [1024, 2048, 3072, 4096],
    1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
    2048: Array.from({ length: 13 }, (_, i) => 4096 + i * 1024),
    4096: Array.from({ length: 23 }, (_, i) => 8192 + i * 1024),
    8192: Array.from({ length: 12 }, (_, i) => 16384 + i * 4096),
    16384: Array.from({ length: 12 }, (_, i) => 32768 + i * 8192),
};

/** Fargate task size per tier unless a service says otherwise: the low end of seed 001's ranges (frontend 0.5 vCPU / 1 GB, backend 1 vCPU / 2 GB). */
export const defaultTaskSize: Record<ServiceTier, { cpu: number; memory: number }> = {
    web: { cpu: 512, memory: 1024 },
    api: { cpu: 1024, memory: 2048 },
    worker: { cpu: 1024, memory: 2048 },
};

const taskCpus = Object.keys(fargateSizes).join(", ");
const taskSize = z
    .strictObject(
        {
            cpu: z.union(
                Object.keys(fargateSizes).map((c) => z.literal(Number(c))),
                { error: `expected Fargate CPU units: one of ${taskCpus}` },
            ),
            memory: z.number({ error: "expected MiB such as 2048" }).int({ error: "expected MiB such as 2048" }),
        },
        { error: "expected a mapping with cpu (CPU units) and memory (MiB), such as { cpu: 1024, memory: 2048 }" },
    )
    .superRefine((t, ctx) => {
        const allowed = fargateSizes[t.cpu];
        if (allowed && !allowed.includes(t.memory)) {
            ctx.addIssue({
                code: "custom",
                path: ["memory"],
                message: `Fargate runs ${t.cpu} CPU units with ${allowed[0]} to ${allowed[allowed.length - 1]} MiB in steps of ${allowed[1] - allowed[0]}`,
            });
        }
    });

/**
 * A probe's timing. Bounds are those every place it is used accepts: Kubernetes probes, the ALB's
 * target-group check (timeout 2–120 s and below its interval, unhealthy threshold 2–10: ELB API
 * reference, CreateTargetGroup) and the ECS container check (interval 5–300 s, timeout 2–60 s,
 * retries 1–10, start period 0–300 s: ECS API reference, HealthCheck).
 */
const seconds = (what: string, min: number, max: number) =>
    z
        .number({ error: `expected ${what} in whole seconds from ${min} to ${max}` })
        .int({ error: `expected ${what} in whole seconds from ${min} to ${max}` })
        .min(min, { error: `expected ${what} in whole seconds from ${min} to ${max}` })
        .max(max, { error: `expected ${what} in whole seconds from ${min} to ${max}` });

function probeSchema(defaults: { path: string; initialDelaySeconds: number; periodSeconds: number }, failureMin: number) {
    return z
        .strictObject(
            {
                path: z
                    .string({ error: "expected an HTTP path such as /health" })
                    .max(1024, { error: "expected an HTTP path of at most 1024 characters" })
                    .regex(/^\/[A-Za-z0-9/_.-]*$/, { error: "expected an HTTP path such as /health" })
                    .default(defaults.path),
                initialDelaySeconds: seconds("a delay", 0, 300).default(defaults.initialDelaySeconds),
                periodSeconds: seconds("a period", 5, 300).default(defaults.periodSeconds),
                /** Kubernetes' 1 s when unset (the ALB's and ECS's 5 s). */
                timeoutSeconds: seconds("a timeout", 2, 60).optional(),
                /** Kubernetes' 3 when unset. */
                failureThreshold: z
                    .number({ error: `expected a count from ${failureMin} to 10` })
                    .int({ error: `expected a count from ${failureMin} to 10` })
                    .min(failureMin, { error: `expected a count from ${failureMin} to 10` })
                    .max(10, { error: `expected a count from ${failureMin} to 10` })
                    .optional(),
            },
            { error: "expected a mapping with path, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold" },
        )
        .refine((p) => p.timeoutSeconds === undefined || p.timeoutSeconds < p.periodSeconds, {
            path: ["timeoutSeconds"],
            error: "expected a timeout shorter than periodSeconds",
        })
        .prefault({});
}

/** The ALB checks each target every 15 s, on the readiness path. */
export const LOAD_BALANCER_CHECK_INTERVAL = 15;

/**
 * A service's health checks; the defaults are what every service had before they were configurable.
 * Liveness restarts a container; readiness takes it out of its Service and is what the load balancer
 * checks (path, timeout, failure threshold). On ECS, `command` adds a container check of the liveness
 * path run inside the image with that tool, which the image must contain.
 */
const healthSchema = z
    .strictObject(
        {
            liveness: probeSchema({ path: "/health", initialDelaySeconds: 30, periodSeconds: 10 }, 1),
            readiness: probeSchema({ path: "/ready", initialDelaySeconds: 5, periodSeconds: 5 }, 2).refine(
                (p) => p.timeoutSeconds === undefined || p.timeoutSeconds < LOAD_BALANCER_CHECK_INTERVAL,
                {
                    path: ["timeoutSeconds"],
                    error: `the load balancer checks every ${LOAD_BALANCER_CHECK_INTERVAL} s; expected a timeout from 2 to ${LOAD_BALANCER_CHECK_INTERVAL - 1}`,
                },
            ),
            command: z.enum(["curl", "wget"], { error: "expected curl or wget (the tool the image contains)" }).optional(),
        },
        { error: "expected a mapping with liveness, readiness and command" },
    )
    .prefault({});

export type HealthConfig = z.output<typeof healthSchema>;
export type ProbeConfig = HealthConfig["liveness"];

/** Requests and limits of every container unless its service says otherwise [000, 003]. */
export const defaultResources = { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } };

function serviceSchema(profile: EnvironmentProfile, env: Environment) {
    return z
        .strictObject(
            {
                tier: z.enum(serviceTiers, { error: `expected one of ${serviceTiers.join(", ")}` }),
                /**
                 * Where the image is pushed: `ecr`, the service's own repository in the stack's account, which careplane
                 * creates (immutable tags, scanned on push); `ghcr`, GitHub Container Registry [002], pulled through the
                 * account's ECR pull-through cache (components/compute/pull-through-cache.ts).
                 */
                registry: z.enum(imageRegistries, { error: `expected one of ${imageRegistries.join(", ")}` }).default("ecr"),
                /** The service's ECR repository name, or with registry ghcr its GHCR path (<owner>/<image>, without ghcr.io/). */
                image: z
                    .string({ error: "expected an ECR repository name such as caresync/api (the tag goes in tag)" })
                    .regex(/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/, {
                        error: "expected an ECR repository name such as caresync/api (the tag goes in tag)",
                    })
                    .refine((image) => !(image.includes("/") && image.split("/")[0].includes(".")), {
                        error: "name the image without its registry host (such as omnicare/frontend): images run from the stack's own ECR repository, or with registry: ghcr from ghcr.io through the pull-through cache",
                    }),
                tag: z
                    .string({ error: "expected an image tag such as 1.4.2" })
                    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, { error: "expected an image tag such as 1.4.2" })
                    .refine((t) => t !== "latest", { error: "a moving tag cannot be audited or rolled back; pin a version such as 1.4.2" }),
                /** The image's digest (sha256:…), which pods run instead of whatever the tag names; required in prod. */
                digest: z
                    .string({ error: "expected an image digest such as sha256:3f9c…" })
                    .regex(/^sha256:[a-f0-9]{64}$/, { error: "expected an image digest: sha256: and 64 lowercase hex digits" })
                    .optional(),
                /**
                 * Who reaches a routed service: `public` through the stack's ingress (internet-facing unless the stack's
                 * ingress is internal), `internal` through an internal load balancer in the app subnets only [003: tenant
                 * provisioning holds database, cache and mail credentials and has no authentication in front of it].
                 */
                exposure: z.enum(["public", "internal"], { error: `expected "public" or "internal"` }).default("public"),
                port: z
                    .number({ error: "expected a port from 1024 to 65535" })
                    .int({ error: "expected a port from 1024 to 65535" })
                    .min(1024, { error: "containers run as non-root and cannot bind below 1024; use a port from 1024 to 65535" })
                    .max(65535, { error: "expected a port from 1024 to 65535" })
                    .default(3000),
                /** Path the ingress routes to this service; workers are never routed to. */
                path: z
                    .string({ error: "expected an ingress path such as /api" })
                    .regex(/^\/[a-z0-9/_-]*$/, { error: "expected an ingress path such as /api" })
                    .optional(),
                /** Names of the service's own secrets, stored as `<app>/<env>/<name>`; it can read these and no others. */
                secrets: z
                    .array(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "expected secret names such as database or jwt" }), {
                        error: "expected a list of secret names such as [database, jwt]",
                    })
                    .default([]),
                /** Non-secret settings, mounted through the service's ConfigMap. */
                config: z
                    .record(z.string(), z.string({ error: "expected string values" }), { error: "expected a mapping of settings" })
                    .default({}),
                /** EFS access points (names from careplane:files.accessPoints) mounted read-write, by container path. */
                files: z
                    .record(z.string(), mountPath, {
                        error: "expected a mapping of access point name to container path, such as { uploads: /opt/hims/uploads }",
                    })
                    .refine((m) => new Set(Object.values(m)).size === Object.keys(m).length, {
                        error: "expected a path per access point; two access points cannot share a mount path",
                    })
                    .default({}),
                resources: z
                    .strictObject(
                        {
                            requests: z.strictObject({ cpu, memory }).default(defaultResources.requests),
                            limits: z.strictObject({ cpu, memory }).default(defaultResources.limits),
                        },
                        { error: "expected requests and limits" },
                    )
                    .prefault({}),
                /** A host name of its own on the shared Ingress [002: api. and the web app apart]; the stack's hostname otherwise (EKS only). */
                host: dnsName.optional(),
                /**
                 * Internet endpoints the service calls [003: SMTP 587, the Soroban RPC endpoint]: its
                 * NetworkPolicy admits each port to public addresses (it cannot select by name; the
                 * host names are the stack file's record) (EKS only).
                 */
                egress: z
                    .array(
                        z.strictObject(
                            {
                                host: dnsName,
                                port: z
                                    .number({ error: "expected a port from 1 to 65535" })
                                    .int({ error: "expected a port from 1 to 65535" })
                                    .min(1, { error: "expected a port from 1 to 65535" })
                                    .max(65535, { error: "expected a port from 1 to 65535" }),
                            },
                            { error: "expected a mapping with host and port, such as { host: smtp.sendgrid.net, port: 587 }" },
                        ),
                        { error: "expected a list of { host, port } endpoints" },
                    )
                    .default([]),
                health: healthSchema,
                /** ECS Fargate task size; the tier's default unless set (ECS stacks only). */
                task: taskSize.optional(),
                replicas: z
                    .strictObject(
                        {
                            min: z.number({ error: "expected an integer" }).int({ error: "expected an integer" }),
                            max: z.number({ error: "expected an integer" }).int({ error: "expected an integer" }),
                        },
                        { error: "expected a mapping with min and max" },
                    )
                    .refine((r) => r.max >= r.min, { error: "expected max at least min" })
                    .optional(),
            },
            { error: "expected a mapping of service settings" },
        )
        .superRefine((s, ctx) => {
            if (s.registry === "ghcr" && !s.image.includes("/")) {
                ctx.addIssue({
                    code: "custom",
                    path: ["image"],
                    message: "a GHCR image lives under its owner: name it <owner>/<image> as pushed to ghcr.io, such as omnicare/backend",
                });
            }
            if (env === "prod" && s.digest === undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: ["digest"],
                    message:
                        "prod runs images by digest, never by what a tag names at deploy time; set digest to the image's sha256 from ECR",
                });
            }
            const floor = profile.replicas[s.tier].min;
            if (s.replicas && s.replicas.min < floor) {
                ctx.addIssue({
                    code: "custom",
                    path: ["replicas", "min"],
                    message: `${env} runs every ${s.tier} service with at least ${floor} replicas; use ${floor} or more`,
                });
            }
        })
        .transform((s) => ({
            ...s,
            replicas: s.replicas ?? profile.replicas[s.tier],
        }));
}

export function servicesSchema(profile: EnvironmentProfile, env: Environment) {
    return z
        .record(
            z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { error: "expected service names of lowercase letters, digits and dashes" }),
            serviceSchema(profile, env),
            { error: "expected a mapping of service name to settings" },
        )
        .default({});
}

export type ServicesConfig = z.output<ReturnType<typeof servicesSchema>>;
export type ServiceConfig = ServicesConfig[string];

/**
 * A service may list only secrets the stack stores: the standard entries, the database's role
 * entries and `careplane:secrets.names`; anything else would be a role granted on nothing.
 */
export function servicesUseStoredSecrets(cfg: { services: ServicesConfig; secrets: { names: string[] } }, ctx: z.RefinementCtx) {
    const stored: string[] = [...standardSecretNames, ...databaseRoleSecretNames, ...cfg.secrets.names];
    for (const [name, svc] of Object.entries(cfg.services)) {
        svc.secrets.forEach((secret, i) => {
            if (stored.includes(secret)) return;
            ctx.addIssue({
                code: "custom",
                path: ["services", name, "secrets", i],
                message: `the stack stores only ${stored.join(", ")}; add ${secret} to careplane:secrets.names or remove it`,
            });
        });
    }
}

/**
 * Settings that belong to one platform: a Fargate task size to ECS (on EKS a pod's size is its
 * resources); a host of its own and internet egress to EKS (its Ingress rules and NetworkPolicies).
 */
export function servicesFitPlatform(cfg: { services: ServicesConfig; compute: { platform: string } }, ctx: z.RefinementCtx) {
    const platform = cfg.compute.platform;
    for (const [name, svc] of Object.entries(cfg.services)) {
        const issue = (key: string, message: string) => ctx.addIssue({ code: "custom", path: ["services", name, key], message });
        if (platform !== "ecs" && svc.task !== undefined) {
            issue(
                "task",
                `a task size applies to ECS Fargate only; on ${platform} size the pods with resources.requests and resources.limits`,
            );
        }
        if (platform !== "eks" && svc.host !== undefined) {
            issue(
                "host",
                `a host per service is built for the EKS Ingress only; on ${platform} remove host (the load balancer routes by path)`,
            );
        }
        if (platform !== "eks" && svc.egress.length > 0) {
            issue("egress", `egress endpoints are built for EKS NetworkPolicies only; on ${platform} remove egress`);
        }
        if (platform !== "ecs" && svc.health.command !== undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["services", name, "health", "command"],
                message: `a container check command applies to ECS only; on ${platform} remove health.command (the kubelet runs the probes)`,
            });
        }
        if (svc.host !== undefined && svc.tier === "worker") {
            issue("host", "workers take no traffic; remove host, or make the service a web or api tier");
        }
    }
}

/** The Fargate task size a service runs with: its own, or its tier's default. */
export function taskSizeOf(svc: ServiceConfig): { cpu: number; memory: number } {
    return svc.task ?? defaultTaskSize[svc.tier];
}

/**
 * A service may mount only access points the stack's file system has, and only on ECS: on EKS
 * careplane installs no EFS CSI driver, so a mount there would be silently missing.
 */
export function servicesMountStoredFiles(
    cfg: { services: ServicesConfig; files: FilesConfig; compute: { platform: string } },
    ctx: z.RefinementCtx,
) {
    for (const [name, svc] of Object.entries(cfg.services)) {
        const mounted = Object.keys(svc.files);
        if (mounted.length === 0) continue;
        if (cfg.compute.platform !== "ecs") {
            ctx.addIssue({
                code: "custom",
                path: ["services", name, "files"],
                message: `EFS mounts are built for ECS tasks only (careplane installs no EFS CSI driver on ${cfg.compute.platform}); remove files, or set careplane:compute.platform to ecs`,
            });
            continue;
        }
        for (const accessPoint of mounted) {
            if (cfg.files.enabled && cfg.files.accessPoints.includes(accessPoint)) continue;
            ctx.addIssue({
                code: "custom",
                path: ["services", name, "files", accessPoint],
                message: cfg.files.enabled
                    ? `careplane:files has no access point named ${accessPoint}; mount one of ${cfg.files.accessPoints.join(", ")}, or add it to careplane:files.accessPoints`
                    : `careplane:files is off; set careplane:files.enabled: true with an access point named ${accessPoint}`,
            });
        }
    }
}

/** Internal services are routed through a second, internal ALB Ingress; the ECS platform builds one internet-facing ALB only. */
export function internalServicesNeedEks(cfg: { services: ServicesConfig; compute: { platform: string } }, ctx: z.RefinementCtx) {
    if (cfg.compute.platform === "eks") return;
    for (const [name, svc] of Object.entries(cfg.services)) {
        if (svc.exposure !== "internal") continue;
        ctx.addIssue({
            code: "custom",
            path: ["services", name, "exposure"],
            message: `the ${cfg.compute.platform} platform routes every service through its one internet-facing load balancer; remove exposure: internal, or run the stack on eks`,
        });
    }
}
