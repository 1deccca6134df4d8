import { aws, patch, specControl } from "../../support/controls";
import { fn } from "../baselines/lambda-efs";

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
