import { resourceControl } from "../lib/control";
import { logRetentionDays } from "../lib/minimums";

export const logGroupRetention = resourceControl({
    name: "careplane-log-group-retention",
    description:
        "Every CloudWatch log group keeps its events for at least its environment's minimum: 30 days for application logs, longer for audit-class logs (1 year in prod).",
    hipaa: ["164.312(b)", "164.316(b)(2)(i)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-CloudWatchLogGroupRetentionPeriod"],
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    check: (props, subject) => {
        const env = subject.environment;
        const logClass = props.tags?.LogClass === "audit" ? "audit" : "application";
        const minimum = logRetentionDays[env][logClass];
        const days = props.retentionInDays;
        if (typeof days !== "number" || days === 0) {
            return {
                problem: "it keeps events forever or has no retention set",
                expected: `retentionInDays of at least ${minimum} (${env} ${logClass} logs)`,
            };
        }
        if (days < minimum) {
            return { problem: `it keeps events ${days} days`, expected: `at least ${minimum} days for ${env} ${logClass} logs` };
        }
        return undefined;
    },
});
