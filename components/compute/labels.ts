import { DataClassification, PlatformContext } from "../context";

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
        owner: ctx.owner,
        "app.kubernetes.io/part-of": ctx.app,
        "app.kubernetes.io/managed-by": "pulumi",
        ...extra,
    };
}
