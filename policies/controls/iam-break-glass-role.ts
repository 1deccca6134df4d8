// The break-glass role [HIPAA 164.312(a)(2)(ii) emergency access procedure]: the one role whose
// sessions administer keys, restore backups and read PHI in an emergency. What makes it safe to
// have is who can assume it and for how long: named people of the account, each proving MFA
// recently (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge: IAM User Guide, "AWS global
// condition context keys"), for one hour at most.
import { Finding, resourceControl } from "../lib/control";
import { list, Statement, statementLabel, statementsOf } from "../lib/policy-document";
import { conditionValues } from "../lib/statement-match";

/** Roles named `<app>-<env>-break-glass`. */
export const BREAK_GLASS_NAME = /-break-glass$/;
/** Longest session and oldest MFA sign-in, in seconds. */
const ONE_HOUR = 3600;

const accountRoot = /^arn:[^:]+:iam::(\d{12}):root$/;
const namedIdentity = /^arn:[^:]+:iam::(\d{12}):(user|role)\/[\w+=,.@/-]+$/;

function checkTrust(s: Statement, i: number): Finding[] {
    const found: Finding[] = [];
    const label = statementLabel(s, i);
    const actions = list(s.Action);
    if (s.NotAction !== undefined || actions.some((a) => a.toLowerCase() !== "sts:assumerole")) {
        found.push({
            problem: `${label} allows ${s.NotAction !== undefined ? "every action but those in NotAction" : actions.join(", ")}`,
            expected: "sts:AssumeRole alone (no web identity, SAML or wildcard)",
        });
    }
    const p = s.Principal;
    const aws = typeof p === "object" && p !== null ? list((p as { AWS?: string | string[] }).AWS) : [];
    const others = typeof p === "object" && p !== null ? Object.keys(p).filter((k) => k !== "AWS") : ["*"];
    const roots = aws.map((a) => accountRoot.exec(a)?.[1]).filter((a): a is string => a !== undefined);
    const named = aws.filter((a) => namedIdentity.test(a));
    if (others.length > 0 || aws.length === 0 || roots.length + named.length !== aws.length) {
        found.push({
            problem: `${label} trusts ${JSON.stringify(p)}`,
            expected: "IAM users or roles of one account: its root narrowed by aws:PrincipalArn, or the users' ARNs",
        });
    }
    const accounts = new Set([...roots, ...named.map((a) => namedIdentity.exec(a)![1])]);
    if (roots.length > 0) {
        const people = conditionValues(s, "aws:PrincipalArn", ["ArnEquals", "StringEquals"]) ?? [];
        const strangers = people.filter((v) => !namedIdentity.test(v) || !accounts.has(namedIdentity.exec(v)![1]));
        if (people.length === 0 || strangers.length > 0) {
            found.push({
                problem: `${label} lets ${people.length === 0 ? "every principal of the account" : strangers.join(", ")} assume it`,
                expected: "an exact aws:PrincipalArn condition (ArnEquals) naming people of the account, without wildcards",
            });
        }
    }
    if (accounts.size > 1) found.push({ problem: `${label} trusts several accounts`, expected: "people of the stack's own account only" });
    if (!conditionValues(s, "aws:MultiFactorAuthPresent", ["Bool"])?.every((v) => v === "true")) {
        found.push({ problem: `${label} does not require MFA`, expected: 'Bool aws:MultiFactorAuthPresent "true"' });
    }
    const age = conditionValues(s, "aws:MultiFactorAuthAge", ["NumericLessThan", "NumericLessThanEquals"]);
    if (!age || age.some((v) => !(Number(v) <= ONE_HOUR))) {
        found.push({
            problem: `${label} accepts an MFA sign-in of any age`,
            expected: `NumericLessThan aws:MultiFactorAuthAge of at most ${ONE_HOUR} seconds`,
        });
    }
    return found;
}

export const iamBreakGlassRole = resourceControl({
    name: "careplane-iam-break-glass-role",
    description:
        "The break-glass role (`*-break-glass`) is assumed only with sts:AssumeRole by named IAM users or roles of one account, each with MFA under an hour old, for sessions of at most one hour.",
    hipaa: ["164.312(a)(2)(ii)", "164.312(d)", "164.308(a)(4)(ii)(B)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:iam/role:Role"],
    check: (props) => {
        if (typeof props.name !== "string" || !BREAK_GLASS_NAME.test(props.name)) return [];
        const found: Finding[] = [];
        if (typeof props.maxSessionDuration !== "number" || props.maxSessionDuration > ONE_HOUR) {
            found.push({
                problem: `its sessions last up to ${props.maxSessionDuration ?? "an unset"} seconds`,
                expected: `maxSessionDuration of at most ${ONE_HOUR} (one hour)`,
            });
        }
        statementsOf(props.assumeRolePolicy).forEach((s, i) => {
            if (s.Effect === "Allow") found.push(...checkTrust(s, i));
        });
        return found;
    },
});
