import { ofType } from "../lib/stack";
import { stackControl } from "../lib/control";
import { PrincipalsConfig, principalsConfigSchema, trustOf } from "../lib/accounts";
import { statementLabel, statementsOf } from "../lib/policy-document";
import { isAllow, principalsOf, requiresExternalId, requiresMfa } from "../lib/principals";
import { coversAction } from "../lib/statement-match";
import { ROLE } from "../lib/resource-policies";

export const iamTrustMfaExternalId = stackControl<PrincipalsConfig>({
    name: "careplane-iam-trust-mfa-external-id",
    description:
        "A role people can assume (its trust names an account root, IAM users, any principal of the account, or a role the pack configuration lists as people's) requires MFA (aws:MultiFactorAuthPresent true or a bounded aws:MultiFactorAuthAge); a role a third party assumes requires its sts:ExternalId.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(d)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [ROLE],
    configSchema: principalsConfigSchema,
    check: (resources, report, config) => {
        const trust = trustOf(resources, config);
        for (const role of ofType(resources, ROLE)) {
            statementsOf(role.props.assumeRolePolicy).forEach((s, i) => {
                if (!isAllow(s) || !coversAction(s, "sts:AssumeRole")) return;
                for (const p of principalsOf(s, trust)) {
                    const human = p.kind === "everyone" || (p.kind === "account" && p.human);
                    if (human && !requiresMfa(s)) {
                        report(role, {
                            problem: `${statementLabel(s, i)} lets people (${p.text}) assume the role without MFA`,
                            expected: 'Condition Bool aws:MultiFactorAuthPresent "true" (or NumericLessThan aws:MultiFactorAuthAge)',
                        });
                    }
                    if (p.kind === "account" && trust.thirdParties.has(p.account) && !requiresExternalId(s)) {
                        report(role, {
                            problem: `${statementLabel(s, i)} lets third-party account ${p.account} assume the role without an external ID`,
                            expected: "Condition StringEquals sts:ExternalId naming the ID agreed with the third party",
                        });
                    }
                }
            });
        }
    },
});
