import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { sameAccountMfaTrustPolicy } from "../security/trust-policies";
import { logGroup } from "../audit/log-groups";

/** The interface endpoints Session Manager and ECS Exec talk through, so sessions never leave the VPC. */
export const sessionEndpoints = ["ssm", "ssmmessages", "ec2messages"];

/** Session Manager reads its account-wide preferences from the Session document of this name. */
export const SESSION_PREFERENCES_DOCUMENT = "SSM-SessionManagerRunShell";

/**
 * The Session Manager endpoints admit this account's principals only (the SSM agent's instance
 * roles, the operators' sessions), instead of AWS's default policy, which admits anyone. The agent's
 * messaging actions (ssmmessages, ec2messages) have no resource types in the Service Authorization
 * Reference, so the policy bounds the caller's account, not the resource's.
 */
export function sessionEndpointPolicy(accountId: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ThisAccountsPrincipalsOnly",
                Effect: "Allow",
                Principal: "*",
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalAccount": accountId } },
            },
        ],
    };
}

export interface AdminAccessArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    vpcCidr: string;
    /** The network's private app subnets: the endpoints sit beside the workloads. */
    appSubnetIds: pulumi.Input<string>[];
    /** Encrypts the session log group and every session's data stream. */
    logsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** Idle sessions close after this long (`careplane:access.idleTimeoutMinutes`). */
    idleTimeoutMinutes: number;
    /** On ECS stacks, the cluster whose tasks operators may reach with ECS Exec. */
    ecsClusterName?: string;
}

/** Operators assume the role from this account only, and only with MFA. */
export const operatorTrustPolicy = sameAccountMfaTrustPolicy;

export interface OperatorPolicyInput {
    partition: string;
    region: string;
    accountId: string;
    environment: string;
    /** The ECS cluster whose tasks operators may open a shell in (ECS Exec), when the stack runs ECS. */
    ecsClusterName?: string;
    logsKeyArn: string;
}

/**
 * Sessions only on this environment's targets, only through the logged preferences document;
 * an operator can end or resume only their own sessions.
 */
export function operatorPolicy(p: OperatorPolicyInput) {
    const arn = (service: string, resource: string) => `arn:${p.partition}:${service}:${p.region}:${p.accountId}:${resource}`;
    const statements: Array<Record<string, unknown>> = [
        {
            Sid: "StartLoggedSessionsOnThisEnvironment",
            Effect: "Allow",
            Action: "ssm:StartSession",
            Resource: [arn("ec2", "instance/*"), arn("ssm", "managed-instance/*")],
            Condition: {
                StringEquals: { "ssm:resourceTag/Environment": p.environment },
                BoolIfExists: { "ssm:SessionDocumentAccessCheck": "true" },
            },
        },
        {
            Sid: "ThroughThePreferencesDocument",
            Effect: "Allow",
            Action: "ssm:StartSession",
            Resource: arn("ssm", `document/${SESSION_PREFERENCES_DOCUMENT}`),
        },
        {
            Sid: "OwnSessionsOnly",
            Effect: "Allow",
            Action: ["ssm:TerminateSession", "ssm:ResumeSession"],
            Resource: arn("ssm", "session/${aws:userid}-*"),
        },
        {
            Sid: "EncryptTheSessionStream",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: p.logsKeyArn,
        },
    ];
    if (p.ecsClusterName) {
        statements.push({
            Sid: "ShellInThisClustersTasks",
            Effect: "Allow",
            Action: "ecs:ExecuteCommand",
            Resource: [arn("ecs", `cluster/${p.ecsClusterName}`), arn("ecs", `task/${p.ecsClusterName}/*`)],
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * Administrative access without SSH keys or a bastion [001]: Session Manager (and ECS Exec, which
 * rides on it) through private endpoints, sessions encrypted with the logs key and streamed to an
 * audit-class log group, idle sessions closed, and an MFA-only operator role.
 */
export class AdminAccess extends pulumi.ComponentResource {
    readonly operatorRoleArn: pulumi.Output<string>;
    /** People assume it: the PHI log fence applies to it. */
    readonly operatorRole: aws.iam.Role;
    readonly sessionLogGroupName: pulumi.Output<string>;
    /** Session transcripts: whatever an operator's shell printed, so PHI-bearing, and audit records to archive. */
    readonly sessionLogGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: AdminAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:access:AdminAccess", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };

        const sessions = logGroup(
            `${name}-sessions`,
            {
                context: ctx,
                name: `/careplane/${ctx.name("admin-sessions")}`,
                logClass: "audit",
                logsKeyArn: args.logsKeyArn,
                classification: "phi",
            },
            child,
        );
        this.sessionLogGroup = sessions;
        this.sessionLogGroupName = sessions.name;

        new aws.ssm.Document(
            `${name}-preferences`,
            {
                name: SESSION_PREFERENCES_DOCUMENT,
                documentType: "Session",
                documentFormat: "JSON",
                content: pulumi.jsonStringify({
                    schemaVersion: "1.0",
                    description: "Session Manager preferences: encrypted, logged, idle sessions closed",
                    sessionType: "Standard_Stream",
                    inputs: {
                        kmsKeyId: args.logsKeyArn,
                        cloudWatchLogGroupName: sessions.name,
                        cloudWatchEncryptionEnabled: true,
                        cloudWatchStreamingEnabled: true,
                        s3EncryptionEnabled: true,
                        idleSessionTimeout: String(args.idleTimeoutMinutes),
                        runAsEnabled: false,
                    },
                }),
                tags: ctx.tags("internal"),
            },
            child,
        );

        const endpointSg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId: args.vpcId,
                description: "Session Manager endpoints: HTTPS from inside the VPC",
                ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.vpcCidr], description: "HTTPS from the VPC" }],
                egress: [],
                tags: ctx.tags("internal", { Name: ctx.name("session-endpoints") }),
            },
            child,
        );
        for (const service of sessionEndpoints) {
            new aws.ec2.VpcEndpoint(
                `${name}-${service}`,
                {
                    vpcId: args.vpcId,
                    serviceName: `com.amazonaws.${ctx.region}.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: args.appSubnetIds,
                    securityGroupIds: [endpointSg.id],
                    policy: pulumi.output(args.accountId).apply((accountId) => JSON.stringify(sessionEndpointPolicy(accountId))),
                    tags: ctx.tags("internal", { Name: ctx.name(service) }),
                },
                child,
            );
        }

        const role = new aws.iam.Role(
            `${name}-operator`,
            {
                description: "Administrators: Session Manager and ECS Exec on this environment, with MFA",
                assumeRolePolicy: pulumi
                    .all([args.partition, args.accountId])
                    .apply(([partition, accountId]) => JSON.stringify(operatorTrustPolicy(partition, accountId))),
                maxSessionDuration: 3600,
                tags: ctx.tags("confidential"),
            },
            child,
        );
        attachPolicy(
            `${name}-operator`,
            ctx,
            role,
            "Start logged sessions on this environment's targets",
            pulumi.all([args.partition, args.accountId, args.logsKeyArn]).apply(([partition, accountId, logsKeyArn]) =>
                JSON.stringify(
                    operatorPolicy({
                        partition,
                        region: ctx.region,
                        accountId,
                        environment: ctx.environment,
                        ecsClusterName: args.ecsClusterName,
                        logsKeyArn,
                    }),
                ),
            ),
            child,
        );
        this.operatorRole = role;
        this.operatorRoleArn = role.arn;

        this.registerOutputs({ operatorRoleArn: this.operatorRoleArn, sessionLogGroupName: this.sessionLogGroupName });
    }
}
