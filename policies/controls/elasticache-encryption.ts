import { Finding, resourceControl } from "../lib/control";
import { REPLICATION_GROUP } from "../lib/elasticache";

export const elasticacheEncryption = resourceControl({
    name: "careplane-elasticache-encryption",
    description: "Redis caches encrypt data at rest with a customer-managed KMS key and require TLS for every connection.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [REPLICATION_GROUP],
    check: (props) => {
        const problems: Finding[] = [];
        if (props.atRestEncryptionEnabled !== true) {
            problems.push({ problem: "data at rest is not encrypted", expected: "atRestEncryptionEnabled: true" });
        }
        if (!props.kmsKeyId)
            problems.push({ problem: "it has no customer-managed KMS key", expected: "kmsKeyId set to the stack's data key" });
        if (props.transitEncryptionEnabled !== true) {
            problems.push({ problem: "connections are not encrypted in transit", expected: "transitEncryptionEnabled: true" });
        } else if (props.transitEncryptionMode === "preferred") {
            problems.push({
                problem: "clients may still connect without TLS (transitEncryptionMode preferred)",
                expected: 'transitEncryptionMode "required"',
            });
        }
        return problems;
    },
});
