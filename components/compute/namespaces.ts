import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";

/** The namespace the services run in: the configured one (`careplane:compute.namespace`), else `<app>-<env>`. */
export function workloadsNamespace(ctx: PlatformContext, configured?: string): string {
    return configured ?? `${ctx.app}-${ctx.environment}`;
}

/**
 * Pod Security Admission labels: one level enforced, audited and warned, pinned to the cluster's minor so an
 * upgrade does not silently tighten or loosen the standard. `privileged` only where a pod must read its host.
 */
export function podSecurityLabels(level: "restricted" | "privileged", kubernetesVersion: string): Record<string, string> {
    const version = `v${kubernetesVersion}`;
    const labels: Record<string, string> = {};
    for (const mode of ["enforce", "audit", "warn"]) {
        labels[`pod-security.kubernetes.io/${mode}`] = level;
        labels[`pod-security.kubernetes.io/${mode}-version`] = version;
    }
    return labels;
}

export interface FencedNamespaceArgs {
    /** The namespace's name. */
    name: string;
    level: "restricted" | "privileged";
    kubernetesVersion: string;
    /** Labels every object here carries (standardLabels). */
    labels: Record<string, string>;
    /** Ports the API server calls admission webhooks on, admitted from the VPC (the control plane's interfaces). */
    webhookPorts?: number[];
    vpcCidr?: string;
}

/**
 * A namespace the program creates itself (never a Helm release's `createNamespace`), so it carries the Pod
 * Security labels and a default-deny ingress NetworkPolicy like every other; webhook ports stay open to the
 * control plane, which calls them from its interfaces in the VPC.
 */
export function fencedNamespace(
    id: string,
    args: FencedNamespaceArgs,
    opts: pulumi.CustomResourceOptions,
): { namespace: k8s.core.v1.Namespace; fence: pulumi.Resource[] } {
    const namespace = new k8s.core.v1.Namespace(
        id,
        { metadata: { name: args.name, labels: { ...args.labels, ...podSecurityLabels(args.level, args.kubernetesVersion) } } },
        opts,
    );
    const nsOpts = { ...opts, dependsOn: [namespace] };
    const meta = (policy: string) => ({ name: policy, namespace: namespace.metadata.name, labels: args.labels });
    const fence: pulumi.Resource[] = [
        new k8s.networking.v1.NetworkPolicy(
            `${id}-default-deny`,
            { metadata: meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress"] } },
            nsOpts,
        ),
    ];
    if (args.webhookPorts?.length) {
        fence.push(
            new k8s.networking.v1.NetworkPolicy(
                `${id}-allow-webhooks`,
                {
                    metadata: meta("allow-admission-webhooks"),
                    spec: {
                        podSelector: {},
                        policyTypes: ["Ingress"],
                        ingress: [
                            {
                                from: [{ ipBlock: { cidr: args.vpcCidr! } }],
                                ports: args.webhookPorts.map((port) => ({ protocol: "TCP", port })),
                            },
                        ],
                    },
                },
                nsOpts,
            ),
        );
    }
    return { namespace, fence };
}
