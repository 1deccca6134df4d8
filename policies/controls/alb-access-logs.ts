import { resourceControl } from "../lib/control";

export const albAccessLogs = resourceControl({
    name: "careplane-alb-access-logs",
    description: "Every load balancer writes access logs to the stack's log bucket.",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.312(b)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-ELBLoggingEnabled"],
    types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    check: (props) =>
        props.accessLogs?.enabled === true && props.accessLogs?.bucket
            ? undefined
            : { problem: "access logging is off", expected: "accessLogs { bucket: the log bucket, enabled: true }" },
});
