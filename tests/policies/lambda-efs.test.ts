import { aws, patch, res, specControl } from "../support/controls";

const FN = "aws:lambda/function:Function";
const fn = aws(FN, "rotate", {
    runtime: "python3.12",
    handler: "rotate.handler",
    vpcConfig: { subnetIds: ["app-0", "app-1"], securityGroupIds: ["app"] },
    reservedConcurrentExecutions: 2,
    deadLetterConfig: { targetArn: "arn:aws:sqs:us-east-1:123456789012:rotation-dlq" },
});

const template = aws("aws:serverlessrepository/cloudFormationStack:CloudFormationStack", "rotate-login", {
    applicationId: "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationMultiUser",
    parameters: { functionName: "rotate-login", vpcSubnetIds: "app-0,app-1", vpcSecurityGroupIds: "rotation" },
});

specControl("careplane-lambda-in-vpc", {
    passes: [
        { it: "a function in private subnets", fixtures: [fn] },
        { it: "an AWS rotation template placed in private subnets", fixtures: [template] },
        {
            it: "a Serverless Application Repository stack that is not a rotation template",
            fixtures: patch([template], "rotate-login", {
                applicationId: "arn:aws:serverlessrepo:us-east-1:123456789012:applications/something-else",
                parameters: {},
            }),
        },
    ],
    fails: [
        {
            it: "an AWS rotation template without subnets",
            fixtures: patch([template], "rotate-login", { parameters: { functionName: "rotate-login", vpcSecurityGroupIds: "rotation" } }),
            message:
                "rotate-login (aws:serverlessrepository/cloudFormationStack:CloudFormationStack): the rotation template SecretsManagerRDSPostgreSQLRotationMultiUser runs its function outside the VPC",
        },
        {
            it: "a function outside the VPC",
            fixtures: patch([fn], "rotate", { vpcConfig: undefined }),
            message: "rotate (aws:lambda/function:Function): the function runs outside the VPC",
        },
    ],
});

specControl("careplane-lambda-concurrency-dlq", {
    passes: [{ it: "reserved concurrency and a dead-letter queue", fixtures: [fn] }],
    fails: [
        {
            it: "no reserved concurrency (advisory)",
            fixtures: patch([fn], "rotate", { reservedConcurrentExecutions: undefined }),
            message: "it reserves no concurrency",
        },
        {
            it: "no dead-letter queue (advisory)",
            fixtures: patch([fn], "rotate", { deadLetterConfig: undefined }),
            message: "it has no dead-letter queue",
        },
    ],
});

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

const fs = aws("aws:efs/fileSystem:FileSystem", "files", { encrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/data" });
specControl("careplane-efs-encrypted", {
    passes: [{ it: "an encrypted file system under the data key", fixtures: [fs] }],
    fails: [
        {
            it: "an unencrypted file system",
            fixtures: patch([fs], "files", { encrypted: false }),
            message: "files (aws:efs/fileSystem:FileSystem): the file system is not encrypted",
        },
        {
            it: "encrypted with the AWS-managed key",
            fixtures: patch([fs], "files", { kmsKeyId: undefined }),
            message: "it has no customer-managed KMS key",
        },
    ],
});
