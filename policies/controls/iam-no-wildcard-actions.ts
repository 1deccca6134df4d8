import { Finding, isType, resourceControl } from "../lib/control";
import { list, Statement, statementsOf } from "../lib/policy-document";
import { coversAction } from "../lib/statement-match";

/** Managed policies that grant a whole service or everything. */
const BROAD_MANAGED =
    /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|AmazonS3FullAccess|AWSKeyManagementServicePowerUser|SecretsManagerReadWrite)$/;

const ROLE = "aws:iam/role:Role";
const POLICIES = [
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/userPolicy:UserPolicy",
] as const;
const ATTACHMENTS = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"] as const;

/** Actions that hand a principal another role's permissions: on every role, they are every permission of the account. */
const ROLE_HANDOVER = ["iam:PassRole", "sts:AssumeRole"];

/** `*`, or an IAM ARN matching every role (any account, or `role/*`). */
const everyRole = (resource: string) =>
    resource === "*" || /^arn:[^:]*:iam::(\*|\d{12}):(\*|role\/\*)$/.test(resource) || /^arn:[^:]*:iam::\*:/.test(resource);

function statementFindings(s: Statement): Finding[] {
    const name = `statement ${s.Sid ?? "(no Sid)"}`;
    const found: Finding[] = [];
    const wild = list(s.Action).filter((a) => a === "*" || a.endsWith(":*"));
    if (s.NotAction !== undefined) {
        found.push({ problem: `${name} allows everything but ${list(s.NotAction).join(", ")}`, expected: "an explicit Action list" });
    } else if (wild.length > 0) {
        const admin = wild.includes("*") && list(s.Resource).includes("*");
        found.push({
            problem: `${name} allows ${wild.join(", ")}${admin ? " on every resource (administrator access)" : ""}`,
            expected: "the specific actions the role needs",
        });
    } else {
        const handover = ROLE_HANDOVER.filter((a) => coversAction(s, a));
        const roles = list(s.Resource).filter(everyRole);
        if (handover.length > 0 && roles.length > 0) {
            found.push({
                problem: `${name} allows ${handover.join(" and ")} on ${roles.join(", ")}: every role of the account, so every permission in it`,
                expected: "the ARNs of the roles it hands over (and iam:PassedToService for PassRole)",
            });
        }
    }
    if (s.NotResource !== undefined) {
        found.push({
            problem: `${name} applies to every resource but ${list(s.NotResource).join(", ")} (NotResource)`,
            expected: "an explicit Resource list",
        });
    }
    return found;
}

function wildcardFindings(doc: unknown): Finding[] {
    return statementsOf(doc)
        .filter((s) => s.Effect === "Allow")
        .flatMap(statementFindings);
}

export const iamNoWildcardActions = resourceControl({
    name: "careplane-iam-no-wildcard-actions",
    description:
        "No IAM policy allows `*` or a whole service (`service:*`), NotAction or NotResource, or iam:PassRole / sts:AssumeRole on every role, and no role gets a broad AWS-managed policy: least privilege for every workload and person.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(3)(ii)(B)", "164.308(a)(4)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess", "HIPAA.Security-IAMPolicyNoStatementsWithFullAccess"],
    types: [ROLE, ...POLICIES, ...ATTACHMENTS],
    check: (props, subject) => {
        if (isType(subject, ATTACHMENTS, props)) {
            const arn = String(props.policyArn ?? "");
            return BROAD_MANAGED.test(arn)
                ? {
                      problem: `it attaches the broad managed policy ${arn}`,
                      expected: "a customer-managed policy scoped to what the role needs",
                  }
                : undefined;
        }
        const documents = isType(subject, ROLE, props) ? (props.inlinePolicies ?? []).map((p) => p.policy) : [props.policy];
        return documents.flatMap(wildcardFindings);
    },
});
