import { resourceControl } from "../lib/control";

export const lambdaInVpc = resourceControl({
    name: "careplane-lambda-in-vpc",
    description:
        "Lambda functions (such as secret rotation functions) run inside the VPC's private subnets, reaching AWS through endpoints.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-LambdaInsideVPC"],
    types: ["aws:lambda/function:Function"],
    check: (props) =>
        (props.vpcConfig?.subnetIds ?? []).length > 0 && (props.vpcConfig?.securityGroupIds ?? []).length > 0
            ? undefined
            : { problem: "the function runs outside the VPC", expected: "vpcConfig with private subnetIds and securityGroupIds" },
});
