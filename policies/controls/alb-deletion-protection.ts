import { resourceControl } from "../lib/control";

export const albDeletionProtection = resourceControl({
    name: "careplane-alb-deletion-protection",
    description: "Load balancers in prod refuse deletion, so a mistaken change cannot take the hospital's entry point down.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-ELBDeletionProtectionEnabled"],
    types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    check: (props, subject) => {
        if (subject.environment !== "prod" || props.enableDeletionProtection === true) return undefined;
        return { problem: "deletion protection is off", expected: "enableDeletionProtection: true in prod" };
    },
});
