// Requests evaluated by AWS's policy evaluation logic, as @cloud-copilot/iam-simulate models it: a
// principal's identity policies together with a resource's policy (a key policy, a bucket policy).
import type { PolicyDocument } from "./policy";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export interface Request {
    /** An IAM principal's ARN, or a service principal (`cloudtrail.amazonaws.com`). */
    principal: string;
    action: string;
    resource: string;
    resourceAccount: string;
    resourcePolicy?: PolicyDocument;
    identityPolicies?: PolicyDocument[];
    context?: Record<string, string | string[]>;
}

/**
 * iam-simulate accepts a variable condition key only in the `prefix/name` form (`aws:PrincipalTag/x`)
 * and silently drops `kms:EncryptionContext:<key>`, whose variable part follows a colon. Both the
 * policy's conditions and the request's context are rewritten to one variable key it does accept
 * (the KMS key's `aws:ResourceTag/…`, which no policy here uses), so the condition is evaluated
 * exactly as written: same operator, same values.
 */
const ENCRYPTION_CONTEXT = /^kms:encryptioncontext:(.+)$/i;
const carrier = (key: string) => key.replace(ENCRYPTION_CONTEXT, (_m, name: string) => `aws:ResourceTag/kms-encryption-context.${name}`);

function rewritePolicy(doc: PolicyDocument): PolicyDocument {
    return {
        ...doc,
        Statement: doc.Statement.map((s) =>
            s.Condition
                ? {
                      ...s,
                      Condition: Object.fromEntries(
                          Object.entries(s.Condition).map(([op, block]) => [
                              op,
                              Object.fromEntries(Object.entries(block).map(([k, v]) => [carrier(k), v])),
                          ]),
                      ),
                  }
                : s,
        ),
    };
}

/** What AWS sets on every request an IAM principal signs (iam-simulate does not fill them in itself). */
function principalKeys(principal: string): Record<string, string> {
    const iam = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal);
    if (iam) return { "aws:PrincipalArn": principal, "aws:PrincipalAccount": iam[1], "aws:PrincipalIsAWSService": "false" };
    return { "aws:PrincipalIsAWSService": "true", "aws:PrincipalServiceName": principal };
}

type Simulator = typeof import("@cloud-copilot/iam-simulate");
let simulator: Promise<Simulator> | undefined;
const decisions = new Map<string, Promise<Decision>>();

/** The decision AWS would take; identical requests (many stacks share key policies) are simulated once. */
export function decide(request: Request): Promise<Decision> {
    const key = JSON.stringify(request);
    let decision = decisions.get(key);
    if (!decision) {
        decision = run(request);
        decisions.set(key, decision);
    }
    return decision;
}

async function run(r: Request): Promise<Decision> {
    simulator ??= import("@cloud-copilot/iam-simulate");
    const { runSimulation } = await simulator;
    const context = Object.fromEntries(Object.entries({ ...principalKeys(r.principal), ...r.context }).map(([k, v]) => [carrier(k), v]));
    const result = await runSimulation(
        {
            request: {
                principal: r.principal,
                action: r.action,
                resource: { resource: r.resource, accountId: r.resourceAccount },
                contextVariables: context,
            },
            identityPolicies: (r.identityPolicies ?? []).map((policy, i) => ({ name: `identity-${i}`, policy })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            ...(r.resourcePolicy ? { resourcePolicy: rewritePolicy(r.resourcePolicy) } : {}),
        },
        {},
    );
    if (result.resultType === "error") throw new Error(`iam-simulate rejected the request: ${JSON.stringify(result.errors)}`);
    if (result.resultType !== "single") throw new Error(`iam-simulate: expected one resource, got ${result.resultType} for ${r.resource}`);
    return result.overallResult as Decision;
}

/** An identity allowed everything (the deploy role: AdministratorAccess), so only the resource's policy decides. */
export const ADMINISTRATOR: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
