import { aws, res, specControl } from "../../support/controls";
import { policy, role } from "../baselines/audit";

specControl("careplane-iam-no-users", {
    passes: [{ it: "roles only", fixtures: [role, policy] }],
    fails: [
        {
            it: "an IAM user",
            fixtures: [aws("aws:iam/user:User", "ci", {})],
            message: "ci (aws:iam/user:User): the program creates an IAM User",
        },
        {
            it: "an access key",
            fixtures: [res("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" })],
            message: "the program creates an IAM AccessKey",
        },
        { it: "an IAM group", fixtures: [res("aws:iam/group:Group", "admins", {})], message: "the program creates an IAM Group" },
    ],
});
