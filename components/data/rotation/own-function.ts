import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../../context";
import { logGroup, serviceLogGroupNames } from "../../audit/log-groups";
import { attachPolicy } from "../../security/iam";
import { serviceTrustPolicy } from "../../security/trust-policies";
import { FUNCTION_HANDLER, FUNCTION_RUNTIME, rotationArchive } from "./bundle";
import { FunctionBasics } from "./policies";

/** Where careplane's own functions run: the private app subnets, behind one security group, failures to one queue. */
export interface FunctionPlacement {
    subnetIds: pulumi.Input<string>[];
    securityGroupId: pulumi.Input<string>;
    deadLetterQueueArn: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

export interface OwnFunctionArgs {
    context: PlatformContext;
    /** `<app>-<env>-<suffix>` (cut to Lambda's and IAM's 64 characters) names the function and its role. */
    suffix: string;
    description: string;
    environment: Record<string, pulumi.Input<string>>;
    placement: FunctionPlacement;
    /** The role's policy, given the function's log group and dead-letter queue, and its own ARN. */
    policy: (basics: FunctionBasics, functionArn: string) => pulumi.Input<object>;
    /** Seconds; rotation steps that wait on ElastiCache need minutes. */
    timeout: number;
}

/** A Lambda function's ARN from its name, as IAM and Secrets Manager name it before it exists. */
export function functionArn(partition: string, region: string, accountId: string, functionName: string): string {
    return `arn:${partition}:lambda:${region}:${accountId}:function:${functionName}`;
}

/**
 * One of careplane's own functions (functions/secret-rotation, bundled): its own role with exactly the
 * policy given, its log group created first (retention, logs key; Lambda would otherwise create one kept
 * forever), in the VPC, one concurrent run reserved (steps of one rotation run one after another), and a
 * dead-letter queue for an asynchronous invocation it gave up on.
 */
export function ownFunction(name: string, args: OwnFunctionArgs, opts: pulumi.CustomResourceOptions): aws.lambda.Function {
    const ctx = args.context;
    const p = args.placement;
    const functionName = ctx.boundedName(args.suffix, 64);
    const group = logGroup(
        name,
        {
            context: ctx,
            name: serviceLogGroupNames.lambdaFunction(functionName),
            logClass: "application",
            logsKeyArn: p.logsKeyArn,
        },
        opts,
    );
    const role = new aws.iam.Role(
        name,
        {
            name: functionName,
            description: args.description,
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com")),
            tags: ctx.tags("confidential"),
        },
        opts,
    );
    const permissions = attachPolicy(
        name,
        ctx,
        role,
        args.description,
        pulumi
            .all([group.arn, p.deadLetterQueueArn, p.partition, p.accountId])
            .apply(([logGroupArn, deadLetterQueueArn, partition, accountId]) =>
                args.policy({ logGroupArn, deadLetterQueueArn }, functionArn(partition, ctx.region, accountId, functionName)),
            )
            .apply((document) => JSON.stringify(document)),
        opts,
    );
    return new aws.lambda.Function(
        name,
        {
            name: functionName,
            description: args.description,
            role: role.arn,
            runtime: FUNCTION_RUNTIME,
            handler: FUNCTION_HANDLER,
            code: rotationArchive(),
            architectures: ["arm64"],
            memorySize: 256,
            timeout: args.timeout,
            reservedConcurrentExecutions: 1,
            environment: { variables: args.environment },
            vpcConfig: { subnetIds: p.subnetIds, securityGroupIds: [p.securityGroupId] },
            deadLetterConfig: { targetArn: p.deadLetterQueueArn },
            loggingConfig: { logFormat: "JSON", logGroup: group.name },
            tags: ctx.tags("confidential"),
        },
        // Lambda checks the role's permissions when it creates the function (the VPC attachment needs them).
        { ...opts, dependsOn: [permissions, group] },
    );
}
