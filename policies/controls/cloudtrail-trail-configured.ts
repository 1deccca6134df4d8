import { Finding, resourceControl } from "../lib/control";

export const cloudtrailTrailConfigured = resourceControl({
    name: "careplane-cloudtrail-trail-configured",
    description:
        "Every CloudTrail trail covers all regions, validates its log files, encrypts them with a customer-managed key and delivers to CloudWatch Logs.",
    hipaa: [
        "164.308(a)(1)(ii)(D)",
        "164.308(a)(3)(ii)(A)",
        "164.312(a)(2)(iv)",
        "164.312(b)",
        "164.312(c)(1)",
        "164.312(c)(2)",
        "164.312(e)(2)(ii)",
    ],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [
        "HIPAA.Security-CloudTrailCloudWatchLogsEnabled",
        "HIPAA.Security-CloudTrailEncryptionEnabled",
        "HIPAA.Security-CloudTrailLogFileValidationEnabled",
    ],
    types: ["aws:cloudtrail/trail:Trail"],
    check: (props) => {
        const problems: Finding[] = [];
        if (props.isMultiRegionTrail !== true)
            problems.push({ problem: "it records one region only", expected: "isMultiRegionTrail: true" });
        if (props.enableLogFileValidation !== true)
            problems.push({ problem: "log file validation is off", expected: "enableLogFileValidation: true" });
        if (!props.kmsKeyId)
            problems.push({
                problem: "its log files are not encrypted with a customer-managed key",
                expected: "kmsKeyId set to the stack's logs key",
            });
        if (!props.cloudWatchLogsGroupArn || !props.cloudWatchLogsRoleArn) {
            problems.push({
                problem: "it does not deliver to CloudWatch Logs",
                expected: "cloudWatchLogsGroupArn and cloudWatchLogsRoleArn set",
            });
        }
        if (props.enableLogging === false) problems.push({ problem: "logging is switched off", expected: "enableLogging unset or true" });
        return problems;
    },
});
