import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "./context";

export interface WorkloadsArgs {
    context: PlatformContext;
    kubernetesProvider: k8s.Provider;
    /** The cluster's Kubernetes minor version; Pod Security Admission is pinned to it. */
    kubernetesVersion: string;
}

/** Labels every Kubernetes object carries; policies read `environment` as AWS resources' tag. */
export function standardLabels(ctx: PlatformContext, extra: Record<string, string> = {}): Record<string, string> {
    return {
        environment: ctx.environment,
        owner: ctx.config.owner,
        "app.kubernetes.io/part-of": ctx.config.app,
        "app.kubernetes.io/managed-by": "pulumi",
        ...extra,
    };
}

/** The environment's namespace and the services of `careplane:services` running in it. */
export class Workloads extends pulumi.ComponentResource {
    /** The namespace the services (and their alert rules) live in. */
    readonly namespace: pulumi.Output<string>;

    constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:workloads:Workloads", name, {}, opts);
        const ctx = args.context;
        const k8sOpts = { parent: this, provider: args.kubernetesProvider };
        const psaVersion = `v${args.kubernetesVersion}`;

        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: `${ctx.config.app}-${ctx.environment}`,
                    labels: standardLabels(ctx, {
                        "pod-security.kubernetes.io/enforce": "restricted",
                        "pod-security.kubernetes.io/enforce-version": psaVersion,
                        "pod-security.kubernetes.io/audit": "restricted",
                        "pod-security.kubernetes.io/audit-version": psaVersion,
                        "pod-security.kubernetes.io/warn": "restricted",
                        "pod-security.kubernetes.io/warn-version": psaVersion,
                    }),
                },
            },
            k8sOpts,
        );
        this.namespace = namespace.metadata.name;

        this.registerOutputs({ namespace: this.namespace });
    }
}
