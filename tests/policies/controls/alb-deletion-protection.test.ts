import { aws, patch, specControl } from "../../support/controls";
import { edge, ingress, labels, LB, throughAlbAliases } from "../baselines/compute";

const ingressIn = (env: string, attributes: string) => {
    const i = ingress({ "alb.ingress.kubernetes.io/load-balancer-attributes": attributes });
    return { ...i, inputs: { ...i.inputs, metadata: { ...i.inputs.metadata, labels: labels(env) } } };
};
specControl("careplane-alb-deletion-protection", {
    passes: [
        { it: "deletion protection in prod", fixtures: edge },
        {
            it: "none in dev, where the stack must be destroyable",
            fixtures: [aws(LB, "public", { enableDeletionProtection: false }, {}, "dev")],
            environment: "dev",
        },
        {
            it: "an Ingress's ALB protected in staging",
            fixtures: [ingressIn("staging", "deletion_protection.enabled=true")],
            environment: "staging",
        },
        {
            it: "an Ingress's ALB left deletable in test",
            fixtures: [ingressIn("test", "deletion_protection.enabled=false")],
            environment: "test",
        },
        { it: "the same through the aws.alb aliases", fixtures: throughAlbAliases(edge) },
    ],
    fails: [
        {
            it: "none in prod",
            fixtures: patch(edge, "public", { enableDeletionProtection: false }),
            message: "deletion protection is off; expected enableDeletionProtection: true in prod",
        },
        {
            it: "none in staging",
            fixtures: [aws(LB, "public", { enableDeletionProtection: false }, {}, "staging")],
            environment: "staging",
            message: "expected enableDeletionProtection: true in staging",
        },
        {
            it: "an Ingress's ALB without it in prod",
            fixtures: [ingressIn("prod", "routing.http.drop_invalid_header_fields.enabled=true,deletion_protection.enabled=false")],
            message:
                "ingress (kubernetes:networking.k8s.io/v1:Ingress): deletion protection is off; expected alb.ingress.kubernetes.io/load-balancer-attributes with deletion_protection.enabled=true in prod",
        },
        {
            it: "none in prod, through the aws.alb aliases",
            fixtures: throughAlbAliases(patch(edge, "public", { enableDeletionProtection: false })),
            message: "public (aws:alb/loadBalancer:LoadBalancer): deletion protection is off",
        },
    ],
});
