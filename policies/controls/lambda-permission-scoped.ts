import { resourceControl } from "../lib/control";

export const lambdaPermissionScoped = resourceControl({
    name: "careplane-lambda-permission-scoped",
    description: "A permission that lets a service invoke a function is scoped to this account or a source ARN; no one else may call it.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-LambdaFunctionPublicAccessProhibited"],
    types: ["aws:lambda/permission:Permission"],
    check: (props) => {
        const principal = String(props.principal ?? "");
        const open = principal === "*" || principal.endsWith(".amazonaws.com");
        if (!open || props.sourceAccount || props.sourceArn || props.principalOrgId) return undefined;
        return {
            problem: `principal ${principal} may invoke the function from any account`,
            expected: "sourceAccount, sourceArn or principalOrgId set",
        };
    },
});
