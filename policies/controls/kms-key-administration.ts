import { PropsOf } from "../lib/resource-types";
// Who may administer a KMS key, from its key policy. The account root as a Principal delegates to
// every IAM user and role of the account whose own policy allows the action (KMS Developer Guide,
// "Default key policy: allows access to the AWS account and enables IAM policies"), so an action
// granted that way is held by anyone with `kms:*` in IAM. Four of them reach what the key protects
// or destroy it: a grant (CreateGrant, then Decrypt), a policy rewrite (PutKeyPolicy), deletion
// (ScheduleKeyDeletion: after the window, every backup encrypted with it is unreadable), and
// DisableKey / RevokeGrant (the services lose the key). These belong to a named break-glass
// principal, never to the account at large.
import { Finding, resourceControl } from "../lib/control";
import { list, Statement, statementLabel, statementsOf } from "../lib/policy-document";
import { conditionValues, coversAction } from "../lib/statement-match";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

/** Administration that reads or destroys what the key protects. */
const dangerousActions = ["kms:CreateGrant", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:RevokeGrant"];

/**
 * An Allow that lets in every principal of an account, or everyone: Principal is an account root
 * (or a bare account id) or `*`, and no exact `aws:PrincipalArn` condition narrows it to named roles.
 */
function delegatesToAccount(s: Statement): boolean {
    if (s.Effect !== "Allow") return false;
    const p = s.Principal;
    const aws = p === "*" ? ["*"] : list((p as { AWS?: string | string[] } | undefined)?.AWS);
    const broad = aws.some((a) => a === "*" || /^\d{12}$/.test(a) || /^arn:[^:]+:iam::\d{12}:root$/.test(a));
    if (!broad) return false;
    const named = conditionValues(s, "aws:PrincipalArn", ["ArnEquals", "StringEquals"]);
    return !(named && named.length > 0 && named.every((v) => !/[*?]/.test(v)));
}

/** A grant an integrated service creates for its own resource (an EBS volume, an RDS instance). */
const onlyForAwsResources = (s: Statement) =>
    conditionValues(s, "kms:GrantIsForAWSResource", ["Bool"])?.every((v) => v === "true") ?? false;

/** What the statement hands the whole account, of the dangerous actions. */
function delegatedDangers(s: Statement): string[] {
    return dangerousActions.filter((a) => coversAction(s, a) && !(a === "kms:CreateGrant" && onlyForAwsResources(s)));
}

function check(
    props: PropsOf<"aws:kms/key:Key" | "aws:kms/keyPolicy:KeyPolicy">,
    subject: { type: string; environment: string | undefined },
): Finding[] {
    const statements = statementsOf(props.policy);
    if (statements.length === 0) return [];
    const found: Finding[] = [];
    statements.forEach((s, i) => {
        const dangers = delegatedDangers(s);
        if (delegatesToAccount(s) && dangers.length > 0) {
            found.push({
                problem: `${statementLabel(s, i)} lets every principal of the account (through IAM) ${dangers.join(", ")}`,
                expected: "these to a named break-glass principal only (an exact aws:PrincipalArn condition), with MFA",
            });
        }
    });
    if (subject.environment === "prod") {
        const deleting = statements
            .map((s, i) => (s.Effect === "Allow" && coversAction(s, "kms:ScheduleKeyDeletion") ? statementLabel(s, i) : undefined))
            .filter((l): l is string => l !== undefined);
        if (deleting.length > 0) {
            found.push({
                problem: `${deleting.join(", ")} allow${deleting.length === 1 ? "s" : ""} kms:ScheduleKeyDeletion on a prod key`,
                expected: "no principal allowed to schedule a prod key's deletion (a break-glass policy change first, alarmed)",
            });
        }
    }
    if (subject.type === KEY && props.bypassPolicyLockoutSafetyCheck === true) {
        const rewritable = statements.some((s) => s.Effect === "Allow" && coversAction(s, "kms:PutKeyPolicy"));
        if (!rewritable) {
            found.push({
                problem: "the key bypasses KMS's lockout safety check and no statement allows kms:PutKeyPolicy",
                expected: "a statement letting break-glass (or the root user) rewrite the policy, or the safety check kept",
            });
        }
    }
    return found;
}

export const kmsKeyAdministration = resourceControl({
    name: "careplane-kms-key-administration",
    description:
        "Key policies give nobody through IAM delegation (the account root, `*`) the actions that read or destroy what a key protects: kms:CreateGrant (other than for AWS resources), kms:PutKeyPolicy, kms:ScheduleKeyDeletion, kms:DisableKey, kms:RevokeGrant, or a wildcard covering them; prod keys allow no deletion; a key created past the lockout safety check keeps a principal that can rewrite its policy.",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.308(a)(4)(ii)(B)", "164.308(a)(7)(ii)(A)", "164.312(a)(1)", "164.312(c)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [KEY, KEY_POLICY],
    check: (props, subject) => check(props, subject),
});
