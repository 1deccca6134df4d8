import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../../context";
import { logGroup, serviceLogGroupNames } from "../../audit/log-groups";
import { PostgresRotation } from "./spec";

/**
 * AWS's PostgreSQL rotation functions, as AWS publishes them in the Serverless Application Repository
 * (Secrets Manager user guide, "Rotation function templates"; the application ARNs and the semantic
 * version are those aws-cdk-lib's SecretRotationApplication pins for the `aws` partition). Their code is
 * AWS's and stays out of this repository.
 */
export const postgresTemplates = {
    "alternating-users": "SecretsManagerRDSPostgreSQLRotationMultiUser",
    "single-user": "SecretsManagerRDSPostgreSQLRotationSingleUser",
} as const;
export const TEMPLATE_VERSION = "1.1.671";
/** The AWS account that publishes the templates in the Serverless Application Repository. */
export const TEMPLATE_PUBLISHER_ACCOUNT = "297356227824";
const PUBLISHER = `arn:aws:serverlessrepo:us-east-1:${TEMPLATE_PUBLISHER_ACCOUNT}:applications`;

export function templateApplicationId(strategy: PostgresRotation["strategy"]): string {
    return `${PUBLISHER}/${postgresTemplates[strategy]}`;
}

export interface AwsTemplateArgs {
    context: PlatformContext;
    /** Names the function (`<app>-<env>-<suffix>`, within 64 characters) and its CloudFormation stack. */
    suffix: string;
    rotation: PostgresRotation;
    /** The private app subnets: a route to the database (5432) and, through the NAT, to the RDS API. */
    subnetIds: pulumi.Input<string>[];
    /** The key of the rotated entry and of the master secret (the stack's secrets key). */
    secretsKeyArn: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
}

/**
 * One rotation function from AWS's template, for one entry: a CloudFormation stack that the Serverless
 * Application Repository creates (serverlessrepo-<name>), holding the function, its role (AWS's policy:
 * the rotation calls on entries whose rotation function it is, the master secret's value for alternating
 * users, the key) and Secrets Manager's permission to invoke it. The function runs in the app subnets
 * behind the security group the database admits and reaches Secrets Manager through the VPC's endpoint
 * (the `endpoint` parameter is the regional name, which the endpoint's private DNS answers). Its log
 * group is created first, with retention and the logs key. Returns the function's ARN (the stack's
 * RotationLambdaARN output) and its role's.
 */
export function awsTemplateFunction(
    name: string,
    args: AwsTemplateArgs,
    opts: pulumi.CustomResourceOptions,
): { functionArn: pulumi.Output<string>; roleArn: pulumi.Output<string> } {
    const ctx = args.context;
    const functionName = ctx.boundedName(args.suffix, 64);
    const group = logGroup(
        `${name}-log`,
        {
            context: ctx,
            name: serviceLogGroupNames.lambdaFunction(functionName),
            logClass: "application",
            logsKeyArn: args.logsKeyArn,
        },
        opts,
    );
    const r = args.rotation;
    const stack = new aws.serverlessrepository.CloudFormationStack(
        name,
        {
            name: functionName,
            applicationId: templateApplicationId(r.strategy),
            semanticVersion: TEMPLATE_VERSION,
            // The template creates an IAM role and a resource policy (the function's permission).
            capabilities: ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
            parameters: {
                endpoint: `https://secretsmanager.${ctx.region}.amazonaws.com`,
                functionName,
                vpcSubnetIds: pulumi.all(args.subnetIds).apply((ids) => ids.join(",")),
                vpcSecurityGroupIds: r.securityGroupId,
                kmsKeyArn: args.secretsKeyArn,
                // Characters a PostgreSQL connection string or the templates' own quoting would trip on.
                excludeCharacters: ":/@\"'\\",
                ...(r.strategy === "alternating-users"
                    ? { masterSecretArn: r.masterSecretArn, masterSecretKmsKeyArn: args.secretsKeyArn }
                    : {}),
            },
            tags: ctx.tags("confidential"),
        },
        { ...opts, dependsOn: [group] },
    );
    const functionArn = stack.outputs.apply((o) => o.RotationLambdaARN as string);
    // The template's role is CloudFormation's to name: the entry's policy admits it by the ARN Lambda reports.
    const roleArn = aws.lambda.getFunctionOutput({ functionName: functionArn }, { parent: opts.parent }).role;
    return { functionArn, roleArn };
}
