import { resourceControl } from "../lib/control";
import { highAvailability } from "../lib/minimums";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const ATTRIBUTES = "alb.ingress.kubernetes.io/load-balancer-attributes";

/** Whether the load balancer refuses deletion: its own flag, or (built by the Load Balancer Controller) its Ingress's attributes. */
function protectedFromDeletion(props: any, type: string): boolean | undefined {
    if (type !== INGRESS) return props.enableDeletionProtection === true;
    if (props.spec?.ingressClassName !== "alb" && props.metadata?.annotations?.["kubernetes.io/ingress.class"] !== "alb") return undefined;
    return String(props.metadata?.annotations?.[ATTRIBUTES] ?? "")
        .split(",")
        .includes("deletion_protection.enabled=true");
}

export const albDeletionProtection = resourceControl({
    name: "careplane-alb-deletion-protection",
    description:
        "Load balancers of the environments that must stay up (staging and prod, 24x7 [000]) refuse deletion, so a mistaken change cannot take the hospital's entry point down; dev and test keep theirs deletable, so the controller can remove them and the stack can be destroyed.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-ELBDeletionProtectionEnabled"],
    types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", INGRESS],
    check: (props, subject) => {
        const environment = subject.environment;
        if (!highAvailability[environment]) return undefined;
        const protectedNow = protectedFromDeletion(props, subject.type);
        if (protectedNow !== false) return undefined;
        return {
            problem: "deletion protection is off",
            expected:
                subject.type === INGRESS
                    ? `${ATTRIBUTES} with deletion_protection.enabled=true in ${environment}`
                    : `enableDeletionProtection: true in ${environment}`,
        };
    },
});
