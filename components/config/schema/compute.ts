import { z } from "zod";
import { Environment, EnvironmentProfile } from "../profiles";

/** Kubernetes versions EKS supports in standard support, each with its pinned add-ons (cluster.ts). */
export const kubernetesVersions = ["1.31", "1.32", "1.33"] as const;

/** Namespaces the cluster's controllers run in; workloads never share them. */
const clusterNamespaces = ["external-secrets", "monitoring"];
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
                    .enum(kubernetesVersions, { error: `expected a supported EKS version: ${kubernetesVersions.join(", ")}` })
                    .default("1.32"),
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
                            instanceType: z
                                .string({ error: "expected an EC2 instance type such as t3.large" })
                                .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "expected an EC2 instance type such as t3.large" })
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
                        },
                        { error: "expected a mapping of ingress settings" },
                    )
                    .prefault({}),
                /** The HTTPS listener's certificate; the ECS platform cannot serve TLS without it. */
                certificateArn: certificateArn.optional(),
            },
            { error: "expected a mapping of compute settings" },
        )
        .refine((c) => c.platform !== "ecs" || c.certificateArn !== undefined, {
            error: "the ecs platform terminates TLS on its ALB; set certificateArn to an ACM certificate ARN",
            path: ["certificateArn"],
        });
}

export type ComputeConfig = z.output<ReturnType<typeof computeSchema>>;
