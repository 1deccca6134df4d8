// Who a policy statement lets in, and whether its conditions hold those callers to the accounts a
// stack trusts. Principal and condition grammar: IAM User Guide, "AWS JSON policy elements:
// Principal" and "Condition" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
import { accountOfArn, Trust } from "./accounts";
import { list, Statement } from "./policy-document";
import { conditionValues } from "./statement-match";

export type PrincipalRef =
    /** `"*"`, `{"AWS": "*"}`: any principal of any account, or none at all (anonymous). */
    | { kind: "everyone"; text: string }
    /** An account, or a user, role or session of one. */
    | { kind: "account"; text: string; account: string; human: boolean }
    | { kind: "service"; text: string }
    /** An IAM OIDC provider (its issuer host and path), an IAM SAML provider, or a public identity provider. */
    | { kind: "federated"; text: string; account?: string; issuer?: string; saml?: string }
    | { kind: "unknown"; text: string };

const ACCOUNT_ID = /^\d{12}$/;

function awsPrincipal(text: string, trust: Pick<Trust, "humanRoles">): PrincipalRef {
    if (text === "*") return { kind: "everyone", text };
    if (ACCOUNT_ID.test(text)) return { kind: "account", text, account: text, human: true };
    const arn = /^arn:[^:]+:(iam|sts):[^:]*:(\d{12}):(.+)$/.exec(text);
    if (!arn) return { kind: "unknown", text };
    const [, , account, resource] = arn;
    // The account root delegates to every user and role of the account: people among them.
    const human = resource === "root" || resource.startsWith("user/") || trust.humanRoles.some((p) => p.test(text));
    return { kind: "account", text, account, human };
}

function federatedPrincipal(text: string): PrincipalRef {
    const provider = /:(oidc-provider|saml-provider)\/(.+)$/.exec(text);
    const account = accountOfArn(text);
    if (!provider || !account) return { kind: "federated", text };
    return { kind: "federated", text, account, ...(provider[1] === "oidc-provider" ? { issuer: provider[2] } : { saml: provider[2] }) };
}

/** The principals a statement names; an Allow with NotPrincipal admits everyone it does not name. */
export function principalsOf(s: Statement, trust: Pick<Trust, "humanRoles">): PrincipalRef[] {
    if (s.NotPrincipal !== undefined) return [{ kind: "everyone", text: `NotPrincipal ${JSON.stringify(s.NotPrincipal)}` }];
    const p = s.Principal;
    if (p === undefined) return [];
    if (typeof p === "string") return [p === "*" ? { kind: "everyone", text: "*" } : { kind: "unknown", text: p }];
    const byType = p as Record<string, string | string[]>;
    return [
        ...list(byType.AWS).map((t) => awsPrincipal(String(t), trust)),
        ...list(byType.Service).map((t) => ({ kind: "service" as const, text: String(t) })),
        ...list(byType.Federated).map((t) => federatedPrincipal(String(t))),
        ...list(byType.CanonicalUser).map((t) => ({ kind: "unknown" as const, text: `CanonicalUser ${t}` })),
    ];
}

export interface ConditionTest {
    operator: string;
    key: string;
    values: string[];
}

/** Every (operator, key, values) of a statement's Condition block; keys are case-insensitive in IAM, kept as written. */
export function conditionTests(s: Statement): ConditionTest[] {
    return Object.entries(s.Condition ?? {}).flatMap(([operator, tests]) =>
        Object.entries(tests ?? {}).map(([key, values]) => ({ operator, key, values: list(values as unknown).map(String) })),
    );
}

const hasWildcard = (v: string) => /[*?]/.test(v);

/**
 * Operators that admit only requests whose key is present and matches: no `…IfExists` (a request
 * without the key passes), no negation, no `ForAnyValue:`/`ForAllValues:` (an empty set passes `ForAllValues`).
 */
const EQUALS = ["StringEquals", "StringEqualsIgnoreCase"];
const STRING_MATCH = [...EQUALS, "StringLike"];
const ARN_MATCH = ["ArnEquals", "ArnLike", ...STRING_MATCH];

/** Keys naming the calling principal's (or the calling service's customer's) account. */
const ACCOUNT_KEYS = ["aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceOwner", "kms:CallerAccount"];
/** Keys naming the caller's (or the calling service's source resource's) ARN. */
const ARN_KEYS = ["aws:PrincipalArn", "aws:SourceArn"] as const;
const ORGANIZATION_KEYS = ["aws:PrincipalOrgID", "aws:SourceOrgID"] as const;
/** Keys naming the network path: the stack's own VPC endpoint or VPC. */
const NETWORK_KEYS = ["aws:SourceVpce", "aws:SourceVpc"] as const;
/** In a VPC endpoint policy: the accounts whose resources the endpoint may reach. */
export const RESOURCE_ACCOUNT_KEYS = ["aws:ResourceAccount", "s3:ResourceAccount"];

export interface TightnessOptions {
    /** Also accept keys that hold the resources reached to trusted accounts (VPC endpoint policies). */
    resourceAccountKeys?: boolean;
    /**
     * Also accept a KMS encryption context naming the caller's resource ARN
     * (`kms:EncryptionContext:aws:logs:arn`, `…:aws:cloudtrail:arn`): how AWS scopes service
     * principals in key policies (CloudWatch Logs and CloudTrail encryption pages).
     */
    encryptionContextArn?: boolean;
}

/**
 * Why a statement's conditions hold whoever it admits to the accounts (or organizations, or
 * network) the stack trusts; undefined when they do not. "Tight" means one condition of the
 * statement, with a positive operator (StringEquals/StringLike/ArnEquals/ArnLike, never
 * …IfExists, never negated, never a ForAnyValue/ForAllValues set operator), on one of:
 * - aws:PrincipalAccount, aws:SourceAccount, aws:SourceOwner, kms:CallerAccount: every value a
 *   trusted account, without wildcards;
 * - aws:PrincipalArn, aws:SourceArn: every value an ARN whose account field is a trusted account, without wildcards there;
 * - aws:PrincipalOrgID, aws:SourceOrgID (StringEquals): every value an organization the pack's configuration trusts;
 * - aws:SourceVpce, aws:SourceVpc (StringEquals): every value one endpoint or VPC, without wildcards;
 * - with the options: aws:ResourceAccount / s3:ResourceAccount, or a KMS encryption context ARN.
 * Conditions are ANDed, so one such condition bounds the statement.
 */
export function tightCondition(s: Statement, trust: Trust, options: TightnessOptions = {}): string | undefined {
    const trusted = (account: string | undefined) => account !== undefined && !hasWildcard(account) && trust.accounts.has(account);
    const accountKeys = [...ACCOUNT_KEYS, ...(options.resourceAccountKeys ? RESOURCE_ACCOUNT_KEYS : [])].map((k) => k.toLowerCase());
    for (const t of conditionTests(s)) {
        const key = t.key.toLowerCase();
        if (t.values.length === 0) continue;
        if (accountKeys.includes(key) && STRING_MATCH.includes(t.operator) && t.values.every(trusted)) return `${t.key}`;
        const arnKey =
            ARN_KEYS.some((k) => k.toLowerCase() === key) ||
            (options.encryptionContextArn && /^kms:encryptioncontext:aws:[a-z0-9-]+:arn$/.test(key));
        if (arnKey && ARN_MATCH.includes(t.operator) && t.values.every((v) => trusted(accountOfArn(v)))) return `${t.key}`;
        if (
            ORGANIZATION_KEYS.some((k) => k.toLowerCase() === key) &&
            EQUALS.includes(t.operator) &&
            t.values.every((v) => trust.organizations.has(v))
        )
            return `${t.key}`;
        if (
            NETWORK_KEYS.some((k) => k.toLowerCase() === key) &&
            EQUALS.includes(t.operator) &&
            t.values.every((v) => v !== "" && !hasWildcard(v))
        )
            return `${t.key}`;
    }
    return undefined;
}

/** MFA evidence on an assume-role statement: `Bool aws:MultiFactorAuthPresent "true"` or a bounded `aws:MultiFactorAuthAge`. */
export function requiresMfa(s: Statement): boolean {
    const present = conditionValues(s, "aws:MultiFactorAuthPresent", ["Bool"]);
    if (present && present.length > 0 && present.every((v) => v.toLowerCase() === "true")) return true;
    const age = conditionValues(s, "aws:MultiFactorAuthAge", ["NumericLessThan", "NumericLessThanEquals"]);
    return age !== undefined && age.length > 0;
}

/** A concrete `sts:ExternalId`, the third-party confused-deputy guard (IAM User Guide, "The confused deputy problem"). */
export function requiresExternalId(s: Statement): boolean {
    const id = conditionValues(s, "sts:ExternalId", EQUALS);
    return id !== undefined && id.length > 0 && id.every((v) => v !== "" && !hasWildcard(v));
}

export const isAllow = (s: Statement) => s.Effect !== "Deny";
