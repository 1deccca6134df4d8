import { resourceControl } from "../lib/control";
import { logTypesByEngine, RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";

export const rdsLogExports = resourceControl({
    name: "careplane-rds-log-exports",
    description: "Every database exports all the log types its engine offers to CloudWatch Logs, where they are retained and encrypted.",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.308(a)(5)(ii)(C)", "164.312(b)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSLoggingEnabled"],
    types: [RDS_INSTANCE, RDS_CLUSTER],
    check: (props) => {
        const engine = props.engine ?? "postgres";
        const wanted = logTypesByEngine[engine] ?? [];
        const exported: string[] = props.enabledCloudwatchLogsExports ?? [];
        const missing = wanted.filter((t) => !exported.includes(t));
        if (missing.length === 0) return undefined;
        return {
            problem: `it does not export ${missing.join(", ")} logs`,
            expected: `enabledCloudwatchLogsExports including ${wanted.join(", ")} for ${engine}`,
        };
    },
});
