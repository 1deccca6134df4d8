import { Finding, resourceControl } from "../lib/control";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";

export const rdsStorageEncrypted = resourceControl({
    name: "careplane-rds-storage-encrypted",
    description:
        "RDS storage (and Performance Insights data, when on) is encrypted with a customer-managed KMS key, never the AWS-managed default.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSStorageEncrypted"],
    types: [RDS_INSTANCE, RDS_CLUSTER],
    check: (props) => {
        const problems: Finding[] = [];
        if (props.storageEncrypted !== true) {
            problems.push({ problem: "storage is not encrypted", expected: "storageEncrypted: true" });
        }
        if (typeof props.kmsKeyId !== "string" || props.kmsKeyId === "" || props.kmsKeyId.endsWith("alias/aws/rds")) {
            problems.push({ problem: "storage has no customer-managed KMS key", expected: "kmsKeyId set to the stack's data key" });
        }
        if (props.performanceInsightsEnabled === true && !props.performanceInsightsKmsKeyId) {
            problems.push({
                problem: "Performance Insights data has no customer-managed KMS key",
                expected: "performanceInsightsKmsKeyId set to the stack's data key",
            });
        }
        return problems;
    },
});
