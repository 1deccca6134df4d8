import { PropsOf } from "./resource-types";
import { isType, Subject } from "./control";
// Where the pod template sits in each Kubernetes workload kind careplane may declare.

export const podTemplateTypes = [
    "kubernetes:core/v1:Pod",
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:apps/v1:ReplicaSet",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
] as const;

type PodTemplateType = (typeof podTemplateTypes)[number];
/** The workloads whose pod template sits at spec.template. */
const templated = [
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:apps/v1:ReplicaSet",
    "kubernetes:batch/v1:Job",
] as const;
/** A pod's spec as the program passed it. */
export type PodSpec = NonNullable<PropsOf<"kubernetes:core/v1:Pod">["spec"]>;

export function podSpecOf(subject: Subject, props: PropsOf<PodTemplateType>): PodSpec | undefined {
    if (isType(subject, "kubernetes:core/v1:Pod", props)) return props.spec;
    if (isType(subject, "kubernetes:batch/v1:CronJob", props)) return props.spec?.jobTemplate?.spec?.template?.spec;
    return isType(subject, templated, props) ? props.spec?.template?.spec : undefined;
}

export interface Container {
    name?: string;
    image?: string;
    securityContext?: any;
    resources?: { limits?: Record<string, unknown>; requests?: Record<string, unknown> };
    ports?: Array<{ hostPort?: number }>;
}

/** Every container that runs in the pod, init containers included. */
export function containersOf(podSpec: PodSpec | undefined): Container[] {
    return [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
}

export function containerName(c: Container, i: number): string {
    return `container ${c.name ?? `#${i}`}`;
}

/** A namespaced object's namespace; "default" when the program named none. */
export function namespaceOf(props: { metadata?: { namespace?: string } }): string {
    return props?.metadata?.namespace ?? "default";
}

/** True when every label in `selector` is carried by `labels`. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
    const wanted = Object.entries(selector ?? {});
    return wanted.length > 0 && wanted.every(([k, v]) => labels?.[k] === v);
}

/** Helm releases as the Kubernetes provider declares them: both carry the chart's name and its values. */
export const helmReleaseTypes = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"] as const;

/** The chart's own name: `kube-prometheus-stack` from `prometheus-community/kube-prometheus-stack` or an OCI URL. */
export function chartName(chart: unknown): string {
    return String(chart ?? "")
        .replace(/\/+$/, "")
        .split("/")
        .pop()!;
}
