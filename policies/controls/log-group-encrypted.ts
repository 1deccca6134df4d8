import { resourceControl } from "../lib/control";

export const logGroupEncrypted = resourceControl({
    name: "careplane-log-group-encrypted",
    description: "Every CloudWatch log group is encrypted with a customer-managed KMS key.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-CloudWatchLogGroupEncrypted"],
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    check: (props) =>
        typeof props.kmsKeyId === "string" && props.kmsKeyId !== ""
            ? undefined
            : { problem: "it has no KMS key", expected: "kmsKeyId set to the stack's logs key" },
});
