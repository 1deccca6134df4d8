// Evaluates an identity policy the program wrote with the real IAM policy engine (iam-simulate).
import { runSimulation } from "@cloud-copilot/iam-simulate";

export const ACCOUNT = "123456789012";

/** Whether the policy alone lets a role in the account perform the action on the resource (with these context keys). */
export async function allows(policy: unknown, action: string, resource: string, context: Record<string, string> = {}): Promise<boolean> {
    const result = await runSimulation(
        {
            request: {
                principal: `arn:aws:iam::${ACCOUNT}:role/workload`,
                action,
                resource: { resource, accountId: ACCOUNT },
                contextVariables: context,
            },
            identityPolicies: [{ name: "workload", policy }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
        },
        {},
    );
    if (result.resultType !== "single") throw new Error(`simulation failed: ${JSON.stringify(result).slice(0, 300)}`);
    return result.overallResult === "Allowed";
}
