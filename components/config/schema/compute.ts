import { z } from "zod";
import { Environment, EnvironmentProfile } from "../profiles";
import { CALENDAR_REVIEWED, DEFAULT_KUBERNETES_VERSION, kubernetesVersions } from "../../compute/eks-versions";
import { nodeInstanceTypes } from "../../compute/instance-types";

const instanceTypeNames = Object.keys(nodeInstanceTypes);

/** Namespaces the cluster's controllers run in; workloads never share them. */
const clusterNamespaces = ["external-secrets", "cert-manager", "monitoring", "node-exporter"];
const reservedNamespaces = ["default", ...clusterNamespaces];

const certificateArn = z
    .string({ error: "expected an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/…" })
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, {
        error: "expected an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/…",
    });

export function computeSchema(profile: EnvironmentProfile, env: Environment) {
    const nodes = profile.nodeGroup;
    return z
        .strictObject(
            {
                platform: z.enum(["eks", "ecs"], { error: `expected "eks" or "ecs"` }).default("eks"),
                kubernetesVersion: z
                    .enum(kubernetesVersions, {
                        error: `expected an EKS version in standard support on ${CALENDAR_REVIEWED}: ${kubernetesVersions.join(", ")}`,
                    })
                    .default(DEFAULT_KUBERNETES_VERSION),
                /** The workloads' Kubernetes namespace; `<app>-<env>` unless the system names its own [003: healthcare]. */
                namespace: z
                    .string({ error: "expected a Kubernetes namespace name such as healthcare" })
                    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { error: "expected a Kubernetes namespace name such as healthcare" })
                    .refine((n) => !reservedNamespaces.includes(n) && !n.startsWith("kube-"), {
                        error: `expected a namespace of the system's own, not default, kube-* or ${clusterNamespaces.join(", ")}`,
                    })
                    .optional(),
                publicEndpointCidrs: z
                    .array(
                        z
                            .cidrv4({ error: "expected IPv4 CIDR blocks such as 203.0.113.0/24" })
                            .refine((c) => Number(c.split("/")[1]) >= 8, {
                                error: "expected an office or VPN range of /8 or narrower, never 0.0.0.0/0",
                            }),
                        { error: "expected a list of CIDR blocks" },
                    )
                    .refine((cidrs) => env === "dev" || cidrs.length === 0, {
                        error: `${env} keeps the Kubernetes API private; a public endpoint with an allowlist is allowed only in dev`,
                    })
                    .default([]),
                nodes: z
                    .strictObject(
                        {
                            /** Nitro types that take security groups for pods and encrypt traffic between instances. */
                            instanceType: z
                                .enum(instanceTypeNames as [string, ...string[]], {
                                    error: `expected a node type that takes security groups for pods and encrypts traffic between instances: ${instanceTypeNames.join(", ")}`,
                                })
                                .default(nodes.instanceType),
                            count: z
                                .number({ error: "expected an integer number of nodes" })
                                .int({ error: "expected an integer number of nodes" })
                                .min(nodes.count, {
                                    error: `${env} runs at least ${nodes.count} nodes; use an integer from ${nodes.count} to 100`,
                                })
                                .max(100, { error: `expected an integer from ${nodes.count} to 100` })
                                .default(nodes.count),
                            maxCount: z
                                .number({ error: "expected an integer number of nodes" })
                                .int({ error: "expected an integer number of nodes" })
                                .max(100, { error: "expected an integer up to 100" })
                                .optional(),
                            volumeSizeGb: z
                                .number({ error: "expected a volume size in GiB" })
                                .int({ error: "expected a volume size in GiB" })
                                .min(20, { error: "expected a volume size from 20 to 1000 GiB" })
                                .max(1000, { error: "expected a volume size from 20 to 1000 GiB" })
                                .default(50),
                        },
                        { error: "expected a mapping of node-group settings" },
                    )
                    .refine((n) => n.maxCount === undefined || n.maxCount >= n.count, {
                        error: "expected maxCount at least count",
                        path: ["maxCount"],
                    })
                    .prefault({}),
                ingress: z
                    .strictObject(
                        {
                            scheme: z
                                .enum(["internal", "internet-facing"], { error: `expected "internal" or "internet-facing"` })
                                .default("internet-facing"),
                            hostname: z
                                .string({ error: "expected a DNS name such as app.example.org" })
                                .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, {
                                    error: "expected a DNS name such as app.example.org",
                                })
                                .optional(),
                            /**
                             * The Route 53 public hosted zone holding the hostname: careplane requests the load balancer's
                             * ACM certificate and validates it there (DNS validation records), so no certificate ARN is needed.
                             */
                            hostedZoneId: z
                                .string({ error: "expected a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" })
                                .regex(/^Z[A-Z0-9]{1,32}$/, { error: "expected a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" })
                                .optional(),
                        },
                        { error: "expected a mapping of ingress settings" },
                    )
                    .prefault({}),
                /** An issued ACM certificate for the HTTPS listener, instead of one careplane requests in ingress.hostedZoneId. */
                certificateArn: certificateArn.optional(),
            },
            { error: "expected a mapping of compute settings" },
        )
        // Every stack, dev included: the load balancer listens on HTTPS only (HTTP redirects), and without a
        // certificate the controller cannot build that listener, so the Ingress never gets its load balancer.
        .refine((c) => c.certificateArn !== undefined || c.ingress.hostedZoneId !== undefined, {
            error: "the load balancer serves HTTPS only and needs a certificate; set ingress.hostedZoneId (careplane requests and validates one for the hostname) or certificateArn (an issued ACM certificate)",
            path: ["certificateArn"],
        })
        .refine((c) => c.ingress.hostedZoneId === undefined || c.ingress.hostname !== undefined, {
            error: "a certificate validated in ingress.hostedZoneId covers the stack's hostname; set ingress.hostname to a name in that zone",
            path: ["ingress", "hostname"],
        });
}

export type ComputeConfig = z.output<ReturnType<typeof computeSchema>>;
