import { patch, res, specControl } from "../../support/controls";
import { policy, role } from "../baselines/audit";

const statements = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
specControl("careplane-iam-no-wildcard-actions", {
    passes: [
        { it: "a policy naming specific actions", fixtures: [policy, role] },
        {
            it: "iam:PassRole on one named role, to one service",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({
                    Effect: "Allow",
                    Action: "iam:PassRole",
                    Resource: "arn:aws:iam::123456789012:role/ecs-task-api",
                    Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
                }),
            }),
        },
        {
            it: "a Deny with s3:* (denies are not grants)",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] }),
            }),
        },
    ],
    fails: [
        {
            it: "administrator access",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] }),
            }),
            message: "api-secrets (aws:iam/policy:Policy): statement All allows * on every resource (administrator access)",
        },
        {
            it: "a whole service",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Sid: "S3", Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::docs/*" }] }),
            }),
            message: "statement S3 allows s3:*",
        },
        {
            it: "NotResource (every resource but those named)",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Rest", Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::audit/*" }),
            }),
            message: "statement Rest applies to every resource but arn:aws:s3:::audit/* (NotResource)",
        },
        {
            it: "iam:PassRole on every role",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
            }),
            message: "statement Pass allows iam:PassRole on *: every role of the account",
        },
        {
            it: "iam:Pass* on role/* of the account",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Pass", Effect: "Allow", Action: "iam:Pass*", Resource: "arn:aws:iam::123456789012:role/*" }),
            }),
            message: "allows iam:PassRole on arn:aws:iam::123456789012:role/*",
        },
        {
            it: "sts:AssumeRole on every role of every account",
            fixtures: patch([policy], "api-secrets", {
                policy: statements({ Sid: "Hop", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: "arn:aws:iam::*:role/*" }),
            }),
            message: "statement Hop allows sts:AssumeRole on arn:aws:iam::*:role/*",
        },
        {
            it: "NotAction",
            fixtures: patch([policy], "api-secrets", {
                policy: JSON.stringify({ Statement: [{ Sid: "Most", Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }),
            }),
            message: "statement Most allows everything but iam:*",
        },
        {
            it: "a role's inline wildcard",
            fixtures: patch([role], "api", {
                inlinePolicies: [
                    { name: "all", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }) },
                ],
            }),
            message: "api (aws:iam/role:Role): statement (no Sid) allows kms:*",
        },
        {
            it: "AdministratorAccess attached",
            fixtures: [
                res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin", {
                    role: "api",
                    policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
                }),
            ],
            message: "it attaches the broad managed policy arn:aws:iam::aws:policy/AdministratorAccess",
        },
    ],
});
