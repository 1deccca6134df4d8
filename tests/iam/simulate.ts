// One request evaluated by AWS's evaluation logic (@cloud-copilot/iam-simulate): the principal's
// identity policies together with the resource's policy, no SCPs.
import { anonymousPrincipal, runSimulation } from "@cloud-copilot/iam-simulate";
import { ACCOUNT, PolicyDocument } from "./policies";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** The principal of an unsigned request (the internet): no identity policies, only resource policies decide. */
export const ANONYMOUS = "anonymous";

export interface Request {
    principal: string;
    identityPolicies: Array<{ name: string; policy: PolicyDocument }>;
    action: string;
    resource: string;
    /** The account owning the resource; the program's own account unless said. */
    resourceAccount?: string;
    resourcePolicy?: PolicyDocument;
    /** The policy of the VPC endpoint the request goes through, if it goes through one. */
    endpointPolicy?: PolicyDocument;
    context?: Record<string, string | string[]>;
}

/** What AWS sets on every request an IAM principal signs (iam-simulate does not fill them in itself). */
function principalKeys(principal: string): Record<string, string> {
    const iam = /^arn:aws:iam::(\d{12}):/.exec(principal);
    return iam ? { "aws:PrincipalArn": principal, "aws:PrincipalAccount": iam[1] } : {};
}

export async function decide(r: Request): Promise<Decision> {
    const anonymous = r.principal === ANONYMOUS;
    if (anonymous && r.identityPolicies.length > 0) throw new Error("an unsigned request carries no identity policies");
    const result = await runSimulation(
        {
            request: {
                principal: anonymous ? anonymousPrincipal : r.principal,
                action: r.action,
                resource: { resource: r.resource, accountId: r.resourceAccount ?? ACCOUNT },
                // AWS sets the resource's account on every request; iam-simulate does not derive it.
                contextVariables: { ...principalKeys(r.principal), "aws:ResourceAccount": r.resourceAccount ?? ACCOUNT, ...r.context },
            },
            identityPolicies: r.identityPolicies,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            ...(r.resourcePolicy ? { resourcePolicy: r.resourcePolicy } : {}),
            ...(r.endpointPolicy ? { vpcEndpointPolicies: [{ name: "endpoint", policy: r.endpointPolicy }] } : {}),
        },
        {},
    );
    if (result.resultType === "error") throw new Error(`iam-simulate rejected the request: ${JSON.stringify(result.errors)}`);
    if (result.resultType !== "single") throw new Error(`expected one resource, got ${result.resultType} for ${r.resource}`);
    return result.overallResult as Decision;
}
