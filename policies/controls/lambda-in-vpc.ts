import { isType, resourceControl } from "../lib/control";
import { FUNCTION, isRotationTemplate, SAR_STACK } from "../lib/secrets";

export const lambdaInVpc = resourceControl({
    name: "careplane-lambda-in-vpc",
    description:
        "Lambda functions (such as secret rotation functions, careplane's own or AWS's rotation templates deployed from the Serverless Application Repository) run inside the VPC's private subnets, reaching AWS through endpoints.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-LambdaInsideVPC"],
    types: [FUNCTION, SAR_STACK],
    check: (props, subject) => {
        if (isType(subject, SAR_STACK, props)) {
            if (!isRotationTemplate(props.applicationId)) return undefined;
            const p = props.parameters ?? {};
            return String(p.vpcSubnetIds ?? "") !== "" && String(p.vpcSecurityGroupIds ?? "") !== ""
                ? undefined
                : {
                      problem: `the rotation template ${String(props.applicationId).split("/").pop()} runs its function outside the VPC`,
                      expected: "parameters vpcSubnetIds (private subnets) and vpcSecurityGroupIds",
                  };
        }
        return (props.vpcConfig?.subnetIds ?? []).length > 0 && (props.vpcConfig?.securityGroupIds ?? []).length > 0
            ? undefined
            : { problem: "the function runs outside the VPC", expected: "vpcConfig with private subnetIds and securityGroupIds" };
    },
});
