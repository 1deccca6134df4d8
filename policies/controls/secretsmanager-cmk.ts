import { resourceControl } from "../lib/control";

export const secretsmanagerCmk = resourceControl({
    name: "careplane-secretsmanager-cmk",
    description: "Every secret is encrypted with the stack's customer-managed secrets key, not the AWS-managed aws/secretsmanager key.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-SecretsManagerUsingKMSKey"],
    types: ["aws:secretsmanager/secret:Secret"],
    check: (props) => {
        const key = props.kmsKeyId;
        if (typeof key === "string" && key !== "" && !key.endsWith("alias/aws/secretsmanager")) return undefined;
        return {
            problem: key ? `it uses the AWS-managed key ${key}` : "it uses the AWS-managed key (no kmsKeyId)",
            expected: "kmsKeyId set to the stack's secrets key",
        };
    },
});
