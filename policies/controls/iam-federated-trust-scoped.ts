// Federated trusts: who holds a token of the identity provider may assume the role, so the trust
// must name which holder. Claims and condition keys: EKS User Guide, "Configure the role trust
// policy for IRSA" (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html);
// GitHub Docs, "Configuring OpenID Connect in Amazon Web Services" and "About security hardening
// with OpenID Connect" (sub claim formats, job_workflow_ref).
import { Finding, resourceControl } from "../lib/control";
import { Statement, statementLabel, statementsOf } from "../lib/policy-document";
import { isAllow, principalsOf } from "../lib/principals";
import { conditionValues } from "../lib/statement-match";
import { ROLE } from "../lib/resource-policies";

const EKS_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;
const GITHUB_ISSUER = "token.actions.githubusercontent.com";
const SERVICE_ACCOUNT = /^system:serviceaccount:[a-z0-9]([-a-z0-9.]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const concrete = (v: string) => v !== "" && !/[*?]/.test(v);

function audience(s: Statement, issuer: string, label: string): Finding[] {
    const aud = conditionValues(s, `${issuer}:aud`, ["StringEquals"]);
    if (aud && aud.length > 0 && aud.every((v) => v === "sts.amazonaws.com")) return [];
    return [
        {
            problem: `${label} does not require the token's audience to be AWS STS`,
            expected: `StringEquals ${issuer}:aud "sts.amazonaws.com"`,
        },
    ];
}

function irsa(s: Statement, issuer: string, label: string): Finding[] {
    const sub = conditionValues(s, `${issuer}:sub`, ["StringEquals"]);
    const one = sub?.length === 1 && SERVICE_ACCOUNT.test(sub[0]);
    const found = one
        ? []
        : [
              {
                  problem: `${label} lets ${sub ? `service accounts ${sub.join(", ")}` : "any service account of any namespace"} of the cluster assume the role`,
                  expected: `StringEquals ${issuer}:sub naming exactly one "system:serviceaccount:<namespace>:<name>"`,
              },
          ];
    return [...found, ...audience(s, issuer, label)];
}

/** `repo:<owner>/<repo>:<context>`: the repository, and the environment or else the ref/event the token was issued for. */
const GITHUB_SUBJECT = /^repo:([^/:]+)\/([^/:]+):(.+)$/;

function github(s: Statement, label: string): Finding[] {
    const sub = conditionValues(s, `${GITHUB_ISSUER}:sub`, ["StringEquals", "StringLike"]);
    const workflow =
        conditionValues(s, `${GITHUB_ISSUER}:job_workflow_ref`, ["StringEquals", "StringLike"]) ??
        conditionValues(s, `${GITHUB_ISSUER}:workflow_ref`, ["StringEquals", "StringLike"]);
    const found: Finding[] = [];
    const subjects = sub?.map((v) => GITHUB_SUBJECT.exec(v)) ?? [];
    if (subjects.length === 0 || subjects.some((m) => !m || !concrete(m[1]) || !concrete(m[2]))) {
        found.push({
            problem: `${label} does not pin the GitHub repository (sub ${sub ? sub.join(", ") : "unchecked"})`,
            expected: `${GITHUB_ISSUER}:sub naming "repo:<owner>/<repo>:environment:<name>", with no wildcard in owner or repository`,
        });
    } else {
        const repos = new Set(subjects.map((m) => `${m![1]}/${m![2]}`));
        const workflowPinned =
            (workflow?.length ?? 0) > 0 &&
            workflow!.every((v) =>
                [...repos].some((r) => new RegExp(`^${r.replace(/[.]/g, "\\.")}/\\.github/workflows/[^*?@/]+\\.ya?ml@.+$`).test(v)),
            );
        const unpinned = subjects.filter((m) => !/^environment:[^*?]+$/.test(m![3]));
        if (unpinned.length > 0 && !workflowPinned) {
            found.push({
                problem: `${label} lets any workflow of the repository assume the role (${unpinned.map((m) => m![3]).join(", ")}: no environment, no workflow pinned)`,
                expected: `sub "repo:<owner>/<repo>:environment:<name>" (an environment with protection rules), or ${GITHUB_ISSUER}:job_workflow_ref naming the workflow file`,
            });
        }
    }
    return [...found, ...audience(s, GITHUB_ISSUER, label)];
}

function otherOidc(s: Statement, issuer: string, label: string): Finding[] {
    const sub = conditionValues(s, `${issuer}:sub`, ["StringEquals"]);
    const found =
        sub && sub.length > 0 && sub.every(concrete)
            ? []
            : [
                  {
                      problem: `${label} lets any subject of ${issuer} assume the role`,
                      expected: `StringEquals ${issuer}:sub naming the subjects`,
                  },
              ];
    const aud = conditionValues(s, `${issuer}:aud`, ["StringEquals"]);
    if (!aud || aud.length === 0 || !aud.every(concrete))
        found.push({
            problem: `${label} accepts tokens of ${issuer} issued for any audience`,
            expected: `StringEquals ${issuer}:aud naming this account's client`,
        });
    return found;
}

function saml(s: Statement, label: string): Finding[] {
    const aud = conditionValues(s, "SAML:aud", ["StringEquals"]);
    return aud && aud.length > 0 && aud.every(concrete)
        ? []
        : [
              {
                  problem: `${label} accepts SAML assertions meant for any recipient`,
                  expected: 'StringEquals SAML:aud "https://signin.aws.amazon.com/saml"',
              },
          ];
}

export const iamFederatedTrustScoped = resourceControl({
    name: "careplane-iam-federated-trust-scoped",
    description:
        "A role assumed with a web identity names its holder: an IRSA trust names exactly one namespace and service account (StringEquals on the issuer's sub) and the sts.amazonaws.com audience; a GitHub Actions trust pins the repository and its environment (or the workflow file); any other OIDC or SAML trust pins subject and audience.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(a)(2)(i)", "164.312(d)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [ROLE],
    check: (props) =>
        statementsOf(props.assumeRolePolicy).flatMap((s, i) => {
            if (!isAllow(s)) return [];
            const label = statementLabel(s, i);
            return principalsOf(s, { humanRoles: [] }).flatMap((p) => {
                if (p.kind !== "federated" || p.account === undefined) return [];
                if (p.saml !== undefined) return saml(s, label);
                const issuer = p.issuer ?? "";
                if (EKS_ISSUER.test(issuer)) return irsa(s, issuer, label);
                if (issuer === GITHUB_ISSUER) return github(s, label);
                return otherOidc(s, issuer, label);
            });
        }),
});
