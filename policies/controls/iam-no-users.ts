import { resourceControl } from "../lib/control";

export const iamNoUsers = resourceControl({
    name: "careplane-iam-no-users",
    description:
        "The program creates no IAM users, groups or access keys: people sign in through SSO roles and workloads assume roles, so no long-lived credential exists.",
    hipaa: ["164.308(a)(3)(ii)(B)", "164.308(a)(4)(ii)(B)", "164.312(a)(2)(i)", "164.312(d)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-IAMUserGroupMembership", "HIPAA.Security-IAMUserNoPolicies", "HIPAA.Security-IAMGroupHasUsers"],
    types: [
        "aws:iam/user:User",
        "aws:iam/group:Group",
        "aws:iam/accessKey:AccessKey",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/groupMembership:GroupMembership",
        "aws:iam/userLoginProfile:UserLoginProfile",
    ],
    check: (_props, subject) => ({
        problem: `the program creates an IAM ${subject.type.split(":").pop()}`,
        expected: "IAM roles assumed through SSO or by workloads; no users, groups or access keys",
    }),
});
