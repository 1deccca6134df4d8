// What refuses `pulumi destroy` outright in dev and test: protect, deletion protection, retained resources.
import { PlannedResource } from "../../../engine/plan";
import { str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";
import { albAttribute } from "../prerequisites/s3";
import { destroyable } from "./scope";

export const protectedResources = stackRule(
    {
        id: "destroy/protect",
        family: "destroy",
        description: "No resource of a dev or test stack carries protect: pulumi destroy stops at the first one",
        source: "https://www.pulumi.com/docs/iac/concepts/options/protect/",
    },
    (ctx, rule) =>
        !destroyable(ctx)
            ? []
            : ctx.index.resources
                  .filter((r) => r.protect)
                  .map((r) =>
                      ctx.finding(rule, r, {
                          message: `pulumi destroy refuses: ${r.name} is protected`,
                          awsError: "resource cannot be deleted because it is protected",
                          fix: "protect stateful resources in prod only (the environment profile decides)",
                      }),
                  ),
);

interface Protection {
    type: string;
    on: (r: PlannedResource) => boolean;
    awsError: string;
    what: string;
}

const PROTECTIONS: Protection[] = [
    {
        type: T.rds,
        on: (r) => r.inputs.deletionProtection === true,
        awsError: "InvalidParameterCombination (Cannot delete protected DB Instance)",
        what: "RDS deletion protection",
    },
    {
        type: T.eks,
        on: (r) => r.inputs.deletionProtection === true,
        awsError: "InvalidRequestException (deletion protection is enabled)",
        what: "EKS deletion protection",
    },
    {
        type: T.loadBalancer,
        on: (r) => r.inputs.enableDeletionProtection === true,
        awsError: "OperationNotPermitted (deletion protection is enabled)",
        what: "load balancer deletion protection",
    },
    {
        type: "aws:ec2/instance:Instance",
        on: (r) => r.inputs.disableApiTermination === true,
        awsError: "OperationNotPermitted (disableApiTermination)",
        what: "termination protection",
    },
];

export const deletionProtection = stackRule(
    {
        id: "destroy/deletion-protection",
        family: "destroy",
        description: "No dev or test database, cluster or load balancer has deletion protection",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection",
    },
    (ctx, rule) =>
        !destroyable(ctx)
            ? []
            : PROTECTIONS.flatMap((p) =>
                  ctx
                      .ofType(p.type)
                      .filter(p.on)
                      .map((r) =>
                          ctx.finding(rule, r, {
                              message: `${p.what} refuses the deletion of ${r.name}`,
                              awsError: p.awsError,
                              fix: "enable deletion protection in prod only",
                          }),
                      ),
              ),
);

export const controllerLoadBalancers = stackRule(
    {
        id: "destroy/controller-load-balancers",
        family: "destroy",
        description:
            "The load balancer an ALB Ingress gets can be removed by its controller: no deletion protection attribute, and the Ingress is deleted before the controller",
        source: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#load-balancer-attributes",
    },
    (ctx, rule) => {
        if (!destroyable(ctx)) return [];
        const controllers = ctx.ofType(T.release).filter((r) => /aws-load-balancer-controller$/.test(str(r.inputs.chart) ?? ""));
        return ctx.ofType(T.ingress).flatMap((ingress) => {
            const findings = [];
            if (albAttribute(ingress.inputs, "deletion_protection.enabled") === "true")
                findings.push(
                    ctx.finding(rule, ingress, {
                        message:
                            "the controller cannot delete a load balancer with deletion protection: the Ingress keeps its ingress.k8s.aws/resources finalizer, pulumi destroy waits on it, and the subnets and security groups the load balancer holds cannot be deleted",
                        awsError: "OperationNotPermitted (deletion protection is enabled); DependencyViolation on the subnets",
                        fix: "set deletion_protection.enabled=true only in prod",
                    }),
                );
            for (const c of controllers.filter((c) => !ctx.graph.waitsFor(ingress, c)))
                findings.push(
                    ctx.finding(rule, ingress, {
                        message: `the Ingress does not depend on ${c.name}: destroy may remove the controller first, and nobody removes the Ingress's finalizer or its load balancer`,
                        awsError: "Ingress stuck Terminating (finalizer ingress.k8s.aws/resources)",
                        fix: `depend on ${c.name}`,
                    }),
                );
            return findings;
        });
    },
);

export const kubernetesFinalizers = stackRule(
    {
        id: "destroy/finalizers",
        family: "destroy",
        description: "No dev or test object sets finalizers that no controller in the plan removes",
        source: "https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/",
    },
    (ctx, rule) =>
        !destroyable(ctx)
            ? []
            : ctx.index.resources
                  .filter(
                      (r) =>
                          r.type.startsWith("kubernetes:") &&
                          Array.isArray((r.inputs.metadata as any)?.finalizers) &&
                          (r.inputs.metadata as any).finalizers.length > 0,
                  )
                  .map((r) =>
                      ctx.finding(rule, r, {
                          message: `${r.name} sets finalizers ${(r.inputs.metadata as any).finalizers.join(", ")}: its deletion waits until something removes them`,
                          awsError: "object stuck Terminating",
                          fix: "leave finalizers to the controllers that own them",
                      }),
                  ),
);

export const retainedResources = stackRule(
    {
        id: "destroy/retain-on-delete",
        family: "destroy",
        description: "No named dev or test resource is retained on delete (it would collide with the next deploy's)",
        source: "https://www.pulumi.com/docs/iac/concepts/options/retainondelete/",
    },
    (ctx, rule) =>
        !destroyable(ctx)
            ? []
            : ctx.index.resources
                  .filter((r) => r.options.retainOnDelete)
                  .map((r) =>
                      ctx.finding(rule, r, {
                          severity: "warning",
                          message: `${r.name} stays behind after destroy; a new deploy of the stack collides with it if it is named`,
                          fix: "retain resources in prod only",
                      }),
                  ),
);
