// Kubernetes objects created before what they need: the CRD that defines their kind, the admission
// webhook that intercepts them, the namespace they live in.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

/** API groups served by every Kubernetes API server (no CRD needed). */
const BUILT_IN =
    /^(core|apps|batch|autoscaling|policy|networking\.k8s\.io|rbac\.authorization\.k8s\.io|storage\.k8s\.io|scheduling\.k8s\.io|coordination\.k8s\.io|discovery\.k8s\.io|node\.k8s\.io|apiextensions\.k8s\.io|admissionregistration\.k8s\.io|certificates\.k8s\.io|flowcontrol\.apiserver\.k8s\.io|events\.k8s\.io|helm\.sh|yaml|kustomize)$/;

/** The CRD groups a chart installs with its default values (and the value that switches them off). */
export const CHART_CRDS: Record<string, { groups: string[]; off?: (values: any) => boolean }> = {
    "external-secrets": {
        groups: ["external-secrets.io", "generators.external-secrets.io"],
        off: (v) => v?.installCRDs === false || v?.crds?.create === false,
    },
    "kube-prometheus-stack": { groups: ["monitoring.coreos.com"], off: (v) => v?.crds?.enabled === false },
    "aws-load-balancer-controller": { groups: ["elbv2.k8s.aws"] },
    karpenter: { groups: ["karpenter.sh", "karpenter.k8s.aws"] },
    "cert-manager": {
        groups: ["cert-manager.io", "acme.cert-manager.io"],
        off: (v) => v?.installCRDs !== true && v?.crds?.enabled !== true,
    },
};

/**
 * CRD groups Amazon EKS itself serves on every cluster: SecurityGroupPolicy (vpcresources.k8s.aws) belongs to the VPC
 * resource controller, which runs on the EKS control plane
 * (https://github.com/aws/amazon-vpc-resource-controller-k8s#usage), so the user guide's procedure creates a
 * SecurityGroupPolicy with no CRD step (https://docs.aws.amazon.com/eks/latest/userguide/security-groups-pods-deployment.html).
 * Such a kind exists once the cluster does.
 */
export const EKS_CRD_GROUPS = ["vpcresources.k8s.aws"];

/** `kubernetes:external-secrets.io/v1:ExternalSecret` → `external-secrets.io`. */
function groupOf(type: string): string | undefined {
    if (!type.startsWith("kubernetes:")) return undefined;
    const apiVersion = type.split(":")[1];
    return apiVersion.includes("/") ? apiVersion.split("/")[0] : "core";
}

export const chartOf = (release: PlannedResource) => str(release.inputs.chart)?.split("/").pop() ?? "";

function crdInstallers(ctx: ReadinessContext, group: string): PlannedResource[] {
    const fromCharts = ctx.ofType(T.release).filter((r) => {
        const known = CHART_CRDS[chartOf(r)];
        return known?.groups.includes(group) && !known.off?.(r.inputs.values);
    });
    const fromCrds = ctx
        .ofType("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition")
        .filter((c) => (c.inputs.spec as any)?.group === group);
    const fromEks = EKS_CRD_GROUPS.includes(group) ? ctx.ofType(T.eks) : [];
    return [...fromCharts, ...fromCrds, ...fromEks];
}

export const customResourcesAfterCrds = stackRule(
    {
        id: "order/custom-resource-after-crd",
        family: "order",
        description:
            "A custom resource waits for the Helm release or CustomResourceDefinition that installs its kind, or for the EKS cluster whose control plane serves it",
        source: "https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/",
    },
    (ctx, rule) =>
        ctx.index.resources.flatMap((r) => {
            const group = groupOf(r.type);
            if (!group || BUILT_IN.test(group)) return [];
            const installers = crdInstallers(ctx, group);
            if (installers.some((i) => ctx.graph.waitsFor(r, i))) return [];
            const kind = r.type.split(":").pop();
            return [
                ctx.finding(rule, r, {
                    message: installers.length
                        ? `the API server knows no ${kind} until ${installers.map((i) => i.name).join(" or ")} has installed its CRD, and this object does not wait for it`
                        : `nothing in the plan installs the CRD of ${group}: the API server will not know ${kind}`,
                    awsError: `no matches for kind "${kind}" in version "${r.type.split(":")[1]}"`,
                    fix: installers.length
                        ? `add dependsOn: [${installers[0].name}] (the release installs the CRD)`
                        : `install the chart that defines ${group} first, and depend on it`,
                }),
            ];
        }),
);

/** Charts whose admission webhooks intercept objects the rest of the program creates, and which objects. */
const WEBHOOKS: Record<
    string,
    { intercepts: (r: PlannedResource, ctx: ReadinessContext) => boolean; off?: (values: any) => boolean; webhook: string; service: string }
> = {
    "aws-load-balancer-controller": {
        webhook: "mservice.elbv2.k8s.aws",
        service: "aws-load-balancer-webhook-service",
        off: (v) => v?.enableServiceMutatorWebhook === false,
        intercepts: (r) =>
            r.type === T.service ||
            r.type === T.ingress ||
            (r.type === T.release && chartOf(r) !== "aws-load-balancer-controller") ||
            r.type === "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
    },
};

export const webhooksReady = stackRule(
    {
        id: "order/admission-webhook-ready",
        family: "order",
        description:
            "Services, Ingresses and Helm releases wait for the controller whose admission webhook intercepts them (the AWS Load Balancer Controller's)",
        source: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/4140",
    },
    (ctx, rule) =>
        ctx.ofType(T.release).flatMap((controller) => {
            const hook = WEBHOOKS[chartOf(controller)];
            if (!hook || hook.off?.(controller.inputs.values)) return [];
            const racing = ctx.index.resources.filter(
                (r) =>
                    r !== controller &&
                    r.provider === controller.provider &&
                    hook.intercepts(r, ctx) &&
                    !ctx.graph.waitsFor(controller, r) &&
                    (!ctx.graph.waitsFor(r, controller) || controller.inputs.skipAwait === true),
            );
            return racing.map((r) =>
                ctx.finding(rule, r, {
                    message: `${controller.name} registers the ${hook.webhook} admission webhook (failurePolicy Fail); created before its pods are ready, this object is refused: the webhook's service has no endpoints yet`,
                    awsError: `Internal error occurred: failed calling webhook "${hook.webhook}": no endpoints available for service "${hook.service}"`,
                    fix: `add dependsOn: [${controller.name}] (the release waits for the controller to be ready)`,
                }),
            );
        }),
);

const namespaceOf = (r: PlannedResource): string | undefined =>
    str((r.inputs.metadata as any)?.namespace) ?? (r.type === T.release ? str(r.inputs.namespace) : undefined);

export const namespaceFirst = stackRule(
    {
        id: "order/namespace-first",
        family: "order",
        description: "A namespaced object waits for the Namespace the program creates for it",
        source: "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
    },
    (ctx, rule) => {
        const namespaces = new Map(ctx.ofType(T.namespace).map((n) => [str((n.inputs.metadata as any)?.name), n] as const));
        return ctx.index.resources.flatMap((r) => {
            const ns = namespaceOf(r);
            const created = ns ? namespaces.get(ns) : undefined;
            if (!created || created.provider !== r.provider || ctx.graph.waitsFor(r, created)) return [];
            if (r.type === T.release && r.inputs.createNamespace === true) return [];
            return [
                ctx.finding(rule, r, {
                    message: `namespace ${ns} is created by ${created.name}, which this object does not wait for`,
                    awsError: `namespaces "${ns}" not found`,
                    fix: `depend on ${created.name}`,
                }),
            ];
        });
    },
);
