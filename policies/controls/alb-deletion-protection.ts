import { PropsOf } from "../lib/resource-types";
import { isType, resourceControl, Subject } from "../lib/control";
import { highAvailability } from "../lib/minimums";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const ATTRIBUTES = "alb.ingress.kubernetes.io/load-balancer-attributes";
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"] as const;
const TYPES = [...LOAD_BALANCERS, INGRESS] as const;

/** Whether the load balancer refuses deletion: its own flag, or (built by the Load Balancer Controller) its Ingress's attributes. */
function protectedFromDeletion(props: PropsOf<(typeof TYPES)[number]>, subject: Subject): boolean | undefined {
    if (!isType(subject, INGRESS, props)) return isType(subject, LOAD_BALANCERS, props) && props.enableDeletionProtection === true;
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
    types: TYPES,
    check: (props, subject) => {
        const environment = subject.environment;
        if (!highAvailability[environment]) return undefined;
        const protectedNow = protectedFromDeletion(props, subject);
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
