import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** A Helm chart at a pinned version, from its own repository (never "latest": a deploy installs what was reviewed). */
export interface PinnedChart {
    chart: string;
    version: string;
    repo: string;
}

/**
 * How a release settles. `controller`: what the rest of the cluster waits on (webhooks, CRDs, the autoscaler) is
 * up, its hooks' jobs finished, within 10 minutes. `rollback`: a failed upgrade rolls back and cleans up, keeping
 * 10 revisions. Either way a failure fails the deploy (atomic).
 */
const settling = {
    controller: { atomic: true, waitForJobs: true, skipAwait: false, timeout: 600 },
    rollback: { atomic: true, cleanupOnFail: true, maxHistory: 10 },
} as const;

export interface PinnedReleaseArgs {
    /** The Helm release's name in the cluster. */
    releaseName: string;
    chart: PinnedChart;
    namespace: pulumi.Input<string>;
    /** Set when the namespace is made (and fenced) beside the release rather than by Helm. */
    namespaceExists?: boolean;
    settle: keyof typeof settling;
    values: pulumi.Input<{ [key: string]: any }>;
}

/** The one way careplane installs a chart: pinned, atomic, settled as `settle` says. */
export function pinnedRelease(name: string, args: PinnedReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        name,
        {
            name: args.releaseName,
            chart: args.chart.chart,
            version: args.chart.version,
            repositoryOpts: { repo: args.chart.repo },
            namespace: args.namespace,
            ...(args.namespaceExists ? { createNamespace: false } : {}),
            ...settling[args.settle],
            values: args.values,
        },
        opts,
    );
}
