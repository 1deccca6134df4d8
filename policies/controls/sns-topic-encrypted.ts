import { resourceControl } from "../lib/control";

export const snsTopicEncrypted = resourceControl({
    name: "careplane-sns-topic-encrypted",
    description: "Every SNS topic encrypts messages at rest with a customer-managed KMS key (alerts can name patients' systems).",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-SNSEncryptedKMS"],
    types: ["aws:sns/topic:Topic"],
    check: (props) => {
        const key = props.kmsMasterKeyId;
        if (typeof key === "string" && key !== "" && !key.endsWith("alias/aws/sns")) return undefined;
        return {
            problem: key ? `it uses the AWS-managed key ${key}` : "messages are not encrypted with a customer-managed key",
            expected: "kmsMasterKeyId set to a stack key",
        };
    },
});
