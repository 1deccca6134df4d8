import { Finding, resourceControl } from "../lib/control";
import { list, statementsOf } from "../lib/policy-document";

/** Managed policies that grant a whole service or everything. */
const BROAD_MANAGED =
    /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|AmazonS3FullAccess|AWSKeyManagementServicePowerUser|SecretsManagerReadWrite)$/;

function documentsOf(type: string, props: any): unknown[] {
    if (type === "aws:iam/role:Role") return (props.inlinePolicies ?? []).map((p: any) => p.policy);
    return [props.policy];
}

function wildcardFindings(doc: unknown): Finding[] {
    return statementsOf(doc)
        .filter((s) => s.Effect === "Allow")
        .flatMap((s) => {
            if (s.NotAction !== undefined)
                return [
                    {
                        problem: `statement ${s.Sid ?? "(no Sid)"} allows everything but ${list(s.NotAction).join(", ")}`,
                        expected: "an explicit Action list",
                    },
                ];
            const wild = list(s.Action).filter((a) => a === "*" || a.endsWith(":*"));
            if (wild.length === 0) return [];
            const admin = wild.includes("*") && list(s.Resource).includes("*");
            return [
                {
                    problem: `statement ${s.Sid ?? "(no Sid)"} allows ${wild.join(", ")}${admin ? " on every resource (administrator access)" : ""}`,
                    expected: "the specific actions the role needs",
                },
            ];
        });
}

export const iamNoWildcardActions = resourceControl({
    name: "careplane-iam-no-wildcard-actions",
    description:
        "No IAM policy allows `*` or a whole service (`service:*`), and no role gets a broad AWS-managed policy: least privilege for every workload and person.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(3)(ii)(B)", "164.308(a)(4)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess", "HIPAA.Security-IAMPolicyNoStatementsWithFullAccess"],
    types: [
        "aws:iam/role:Role",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/policy:Policy",
        "aws:iam/groupPolicy:GroupPolicy",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
    ],
    check: (props, subject) => {
        if (subject.type.endsWith("PolicyAttachment")) {
            const arn = String(props.policyArn ?? "");
            return BROAD_MANAGED.test(arn)
                ? {
                      problem: `it attaches the broad managed policy ${arn}`,
                      expected: "a customer-managed policy scoped to what the role needs",
                  }
                : undefined;
        }
        return documentsOf(subject.type, props).flatMap(wildcardFindings);
    },
});
