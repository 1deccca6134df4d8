import { patch, res, specControl } from "../../support/controls";

const permission = res("aws:lambda/permission:Permission", "secrets-invoke", {
    action: "lambda:InvokeFunction",
    function: "rotate",
    principal: "secretsmanager.amazonaws.com",
    sourceAccount: "123456789012",
});
const url = res("aws:lambda/functionUrl:FunctionUrl", "rotate-url", { functionName: "rotate", authorizationType: "AWS_IAM" });
specControl("careplane-lambda-permission-scoped", {
    passes: [
        { it: "Secrets Manager invoking from this account", fixtures: [permission] },
        {
            it: "a role of this account, and a function URL requiring signed requests",
            fixtures: [
                ...patch([permission], "secrets-invoke", { principal: "arn:aws:iam::123456789012:role/api", sourceAccount: undefined }),
                url,
            ],
        },
        {
            it: "a service principal scoped to an organization the pack trusts",
            fixtures: patch([permission], "secrets-invoke", { sourceAccount: undefined, principalOrgId: "o-a1b2c3d4e5" }),
            config: { "careplane-lambda-permission-scoped": { trustedOrganizations: ["o-a1b2c3d4e5"] } },
        },
    ],
    fails: [
        {
            it: "another account's role",
            fixtures: patch([permission], "secrets-invoke", {
                principal: "arn:aws:iam::999999999999:role/intruder",
                sourceAccount: undefined,
            }),
            message: "principal arn:aws:iam::999999999999:role/intruder is in account 999999999999, outside the stack's account",
        },
        {
            it: "a service acting for another account",
            fixtures: patch([permission], "secrets-invoke", { sourceAccount: "999999999999" }),
            message: "sourceAccount 999999999999 is not the stack's account",
        },
        {
            it: "an organization the pack does not trust",
            fixtures: patch([permission], "secrets-invoke", { sourceAccount: undefined, principalOrgId: "o-zzzzzzzzzz" }),
            message: "principalOrgId o-zzzzzzzzzz is not an organization the pack trusts",
        },
        {
            it: "a permission for unsigned function URL calls",
            fixtures: patch([permission], "secrets-invoke", { action: "lambda:InvokeFunctionUrl", functionUrlAuthType: "NONE" }),
            message: "functionUrlAuthType NONE",
        },
        {
            it: "a function URL open to the internet",
            fixtures: patch([url], "rotate-url", { authorizationType: "NONE" }),
            message: "the function URL takes unsigned requests from the internet (authorizationType NONE)",
        },
        {
            it: "a service principal from any account",
            fixtures: patch([permission], "secrets-invoke", { sourceAccount: undefined }),
            message: "principal secretsmanager.amazonaws.com may invoke the function from any account",
        },
        {
            it: "anyone",
            fixtures: patch([permission], "secrets-invoke", { principal: "*", sourceAccount: undefined }),
            message: "principal * may invoke the function",
        },
    ],
});
