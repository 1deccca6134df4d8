import { resourceControl } from "../lib/control";
import { RDS_INSTANCE } from "../lib/rds";

export const rdsEnhancedMonitoring = resourceControl({
    name: "careplane-rds-enhanced-monitoring",
    description: "Every RDS instance (replicas included) has enhanced monitoring at 60 seconds or finer, through its own role.",
    hipaa: ["164.312(b)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSEnhancedMonitoringEnabled"],
    types: [RDS_INSTANCE],
    check: (props) => {
        const interval = props.monitoringInterval;
        if (typeof interval !== "number" || interval <= 0 || interval > 60) {
            return {
                problem:
                    typeof interval === "number" && interval > 0 ? `monitoring interval is ${interval} s` : "enhanced monitoring is off",
                expected: "monitoringInterval of 1 to 60 seconds",
            };
        }
        if (!props.monitoringRoleArn) return { problem: "enhanced monitoring has no role", expected: "monitoringRoleArn set" };
        return undefined;
    },
});
