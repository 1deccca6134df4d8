// A KMS key used by an AWS service: the calls that service really makes, simulated against the key's
// policy (and, for calls an IAM principal signs, that principal's identity policies).
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { parsePolicy, PolicyDocument } from "../../policy";
import { ADMINISTRATOR, decide } from "../../simulate";
import { Finding, RuleInfo } from "../../finding";
import { stackRule, StackRule } from "../../rule";
import { keyNamed, T } from "../aws";

export interface KmsCall {
    /** A service principal, or an IAM principal's ARN. */
    principal: string;
    action: string;
    /** Request context: kms:ViaService, kms:EncryptionContext:<key>, aws:SourceArn, … */
    context: Record<string, string>;
    /** For IAM principals: their identity policies (the deploy role: AdministratorAccess). */
    identityPolicies?: PolicyDocument[];
    /** Shown in the finding: when the service makes the call. */
    when: string;
}

export interface KeyUse {
    /** The resource that makes the service use the key (a trail, a log group, a bucket…). */
    holder: PlannedResource;
    /** The key input's value (ARN, id or alias). */
    key: unknown;
    calls: KmsCall[];
}

export interface ServiceCase extends RuleInfo {
    /** What the service answers when the key policy refuses it. */
    awsError: string;
    /** What it means for the deploy when it does. */
    consequence: string;
    uses(ctx: ReadinessContext): KeyUse[];
}

/** KMS applies its default key policy (the account may use the key through IAM) when a key has none. */
function keyPolicyOf(ctx: ReadinessContext, key: PlannedResource): PolicyDocument {
    return (
        parsePolicy(key.inputs.policy) ?? {
            Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ctx.account}:root` }, Action: "kms:*", Resource: "*" }],
        }
    );
}

const contextText = (c: KmsCall) => {
    const ec = Object.entries(c.context).filter(([k]) => k.startsWith("kms:EncryptionContext:"));
    const via = c.context["kms:ViaService"];
    return [
        via ? `via ${via}` : undefined,
        ec.length ? `encryption context ${ec.map(([k, v]) => `${k.slice(22)}=${v}`).join(", ")}` : "no encryption context",
    ]
        .filter(Boolean)
        .join(", ");
};

export function keyPolicyRule(c: ServiceCase): StackRule {
    return stackRule(c, async (ctx, rule) => {
        const findings: Finding[] = [];
        for (const use of c.uses(ctx)) {
            const key = keyNamed(ctx, use.holder, use.key);
            if (!key) continue;
            const policy = keyPolicyOf(ctx, key);
            const resource = `arn:aws:kms:${ctx.regionOf(key)}:${ctx.account}:key/${key.name}`;
            const denied: KmsCall[] = [];
            for (const call of use.calls) {
                const decision = await decide({
                    principal: call.principal,
                    action: call.action,
                    resource,
                    resourceAccount: ctx.account,
                    resourcePolicy: policy,
                    identityPolicies: call.identityPolicies ?? (call.principal.startsWith("arn:") ? [ADMINISTRATOR] : []),
                    context: call.context,
                });
                if (decision !== "Allowed") denied.push(call);
            }
            if (denied.length === 0) continue;
            findings.push(
                ctx.finding(rule, use.holder, {
                    message: `${c.consequence}: the policy of key ${key.name} refuses ${denied
                        .map((d) => `${d.action} by ${d.principal} (${contextText(d)}) ${d.when}`)
                        .join("; ")}`,
                    awsError: c.awsError,
                    fix: `add key policy statements for exactly these calls to ${key.name} (principal, action and conditions as ${c.source} shows)`,
                }),
            );
        }
        return findings;
    });
}

/** A call the deploy role (or another IAM principal of the account) makes through an AWS service. */
export function viaService(
    ctx: ReadinessContext,
    service: string,
    region: string,
    action: string,
    when: string,
    extra: Record<string, string> = {},
    principal = ctx.deployer,
    identityPolicies?: PolicyDocument[],
): KmsCall {
    return {
        principal,
        action,
        when,
        identityPolicies,
        context: {
            "kms:ViaService": `${service}.${region}.amazonaws.com`,
            "kms:CallerAccount": ctx.account,
            ...(action === "kms:CreateGrant" ? { "kms:GrantIsForAWSResource": "true" } : {}),
            ...extra,
        },
    };
}

export const nameOf = (r: PlannedResource) => str(r.inputs.name) ?? r.name;
export { T };
