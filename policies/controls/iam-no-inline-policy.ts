import { isType, resourceControl } from "../lib/control";

export const iamNoInlinePolicy = resourceControl({
    name: "careplane-iam-no-inline-policy",
    description:
        "Permissions live in customer-managed policies, which can be reviewed and versioned on their own. Advisory: an inline policy bound to one role is still least-privilege, so it is reported, not blocked.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "low",
    enforcementLevel: "advisory",
    cdkNag: ["HIPAA.Security-IAMNoInlinePolicy"],
    types: ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/groupPolicy:GroupPolicy", "aws:iam/userPolicy:UserPolicy"],
    check: (props, subject) => {
        if (isType(subject, "aws:iam/role:Role", props)) {
            return (props.inlinePolicies ?? []).length > 0
                ? { problem: "the role embeds inline policies", expected: "an aws.iam.Policy attached with aws.iam.RolePolicyAttachment" }
                : undefined;
        }
        return { problem: "it is an inline policy", expected: "an aws.iam.Policy attached with a policy attachment" };
    },
});
