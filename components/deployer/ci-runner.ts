import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logGroup } from "../audit/log-groups";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { serviceTrustPolicy } from "../security/trust-policies";
import { dataStorePorts } from "../network/data-stores";

/**
 * The workflows whose jobs may start a build on the runner (the `name:` of each). CodeBuild's
 * webhook filter WORKFLOW_NAME matches it; the roles' trust (job_workflow_ref) is the real gate.
 */
export const runnerWorkflowNames = ["Pull request", "Deploy", "Drift detection"];

/** `codebuild-<project>-<run id>-<attempt>`: the label a job names in `runs-on` to get this runner. */
export function runnerLabel(projectName: string, runId: string, attempt: string): string {
    return `codebuild-${projectName}-${runId}-${attempt}`;
}

/** The runner's project name, from the stack's app and environment. */
export const runnerProjectName = (ctx: { name(suffix: string): string }) => ctx.name("ci-runner");

/** How long a job may run: a first prod deploy (Multi-AZ database and replicas, cluster, CDN) within 4 h. */
export const RUNNER_TIMEOUT_MINUTES = 240;

export interface CiRunnerPolicyInput {
    partition: string;
    region: string;
    accountId: string;
    logGroupArn: string;
    /** The private app subnets the build's network interfaces go in. */
    subnetArns: string[];
}

/**
 * The runner's service role: its own log group, the network interfaces CodeBuild creates in the
 * VPC (the documented VPC policy, the interface permission limited to these subnets and to
 * CodeBuild), and the account's GitHub connection. No other AWS access: every job assumes its
 * own CI role through GitHub's OIDC token, whatever the build's own credentials are.
 * [CodeBuild user guide: "Allow CodeBuild to access AWS services required to create a VPC network interface"]
 */
export function ciRunnerPolicy(p: CiRunnerPolicyInput) {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "WriteItsLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${p.logGroupArn}:*` },
            {
                Sid: "DescribeTheNetwork",
                Effect: "Allow",
                Action: [
                    "ec2:CreateNetworkInterface",
                    "ec2:DescribeDhcpOptions",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DeleteNetworkInterface",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeVpcs",
                ],
                Resource: "*",
            },
            {
                Sid: "InterfacesInItsSubnetsOnly",
                Effect: "Allow",
                Action: "ec2:CreateNetworkInterfacePermission",
                Resource: `arn:${p.partition}:ec2:${p.region}:${p.accountId}:network-interface/*`,
                Condition: {
                    StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
                    ArnEquals: { "ec2:Subnet": p.subnetArns },
                },
            },
            {
                Sid: "RegisterRunnersThroughTheGitHubConnection",
                Effect: "Allow",
                Action: ["codeconnections:GetConnectionToken", "codeconnections:GetConnection", "codeconnections:UseConnection"],
                Resource: `arn:${p.partition}:codeconnections:${p.region}:${p.accountId}:connection/*`,
            },
        ],
    };
}

export interface CiRunnerArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    /** Private app subnets: the jobs reach the EKS endpoint and the database from beside the workloads. */
    appSubnetIds: pulumi.Input<string>[];
    /** CIDRs of the isolated data subnets, the only place the runner opens 5432 to. */
    dataSubnetCidrs: string[];
    logsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /**
     * The network the runner needs before its first job (NAT, routes, endpoints): the first,
     * targeted `pulumi up` of a new account creates it with `--target-dependencies`.
     */
    network: pulumi.Resource;
    /** The GitHub repository whose workflow jobs the runner takes (`careplane:deployer.repository`). */
    repository: string;
}

/**
 * A CodeBuild-hosted GitHub Actions runner inside the stack's VPC [18.1]: the jobs that reach the
 * private EKS endpoint and the private database (deploy, drift, the credentialed preview) run
 * here. AWS's documented pattern: a CodeBuild project with a WORKFLOW_JOB_QUEUED webhook, and
 * `runs-on: codebuild-<project>-${{ github.run_id }}-${{ github.run_attempt }}` in the workflow
 * [CodeBuild user guide, "Tutorial: Configure a CodeBuild-hosted GitHub Actions runner"].
 */
export class CiRunner extends pulumi.ComponentResource {
    readonly projectName: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: CiRunnerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:deployer:CiRunner", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };
        const projectName = runnerProjectName(ctx);
        const { repository } = args;

        const securityGroup = new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: "CI runner: HTTPS out (GitHub, Pulumi Cloud, AWS APIs, the EKS endpoint), PostgreSQL to the data subnets",
                ingress: [],
                egress: [
                    {
                        protocol: "tcp",
                        fromPort: 443,
                        toPort: 443,
                        cidrBlocks: ["0.0.0.0/0"],
                        description: "HTTPS through NAT and to the VPC's endpoints",
                    },
                    {
                        protocol: "tcp",
                        fromPort: dataStorePorts.postgres,
                        toPort: dataStorePorts.postgres,
                        cidrBlocks: args.dataSubnetCidrs,
                        description: "The postgresql provider to the databases",
                    },
                ],
                tags: ctx.tags("internal", { Name: projectName }),
            },
            child,
        );
        this.securityGroupId = securityGroup.id;

        const logs = logGroup(
            `${name}-logs`,
            { context: ctx, name: `/aws/codebuild/${projectName}`, logClass: "audit", logsKeyArn: args.logsKeyArn },
            child,
        );
        const role = new aws.iam.Role(
            name,
            {
                name: `${projectName}-service`,
                description: "CodeBuild-hosted GitHub Actions runner: its logs, its network interfaces, the GitHub connection",
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("codebuild.amazonaws.com")),
                tags: ctx.tags("internal"),
            },
            child,
        );
        const subnetArns = pulumi
            .all([args.partition, args.accountId, ...args.appSubnetIds])
            .apply(([partition, account, ...ids]) => ids.map((id) => `arn:${partition}:ec2:${ctx.region}:${account}:subnet/${id}`));
        const policy = attachPolicy(
            name,
            ctx,
            role,
            "CI runner: its logs, its network interfaces in the app subnets, the GitHub connection",
            pulumi
                .all([args.partition, args.accountId, logs.arn, subnetArns])
                .apply(([partition, accountId, logGroupArn, subnets]) =>
                    JSON.stringify(ciRunnerPolicy({ partition, region: ctx.region, accountId, logGroupArn, subnetArns: subnets })),
                ),
            child,
        );

        const project = new aws.codebuild.Project(
            name,
            {
                name: projectName,
                description: `GitHub Actions runner for ${repository} in the ${ctx.environment} VPC`,
                serviceRole: role.arn,
                source: { type: "GITHUB", location: `https://github.com/${repository}.git` },
                artifacts: { type: "NO_ARTIFACTS" },
                environment: {
                    type: "LINUX_CONTAINER",
                    computeType: "BUILD_GENERAL1_MEDIUM",
                    image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
                    imagePullCredentialsType: "CODEBUILD",
                    privilegedMode: false,
                },
                vpcConfig: { vpcId: args.vpcId, subnets: args.appSubnetIds, securityGroupIds: [securityGroup.id] },
                logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logs.name }, s3Logs: { status: "DISABLED" } },
                // No artifacts leave the build; the key still covers anything CodeBuild would write.
                encryptionKey: args.logsKeyArn,
                buildTimeout: RUNNER_TIMEOUT_MINUTES,
                queuedTimeout: 60,
                tags: ctx.tags("confidential", { Name: projectName }),
            },
            // The role's policy first (CodeBuild checks it when the first build starts), and the whole network.
            { parent: this, dependsOn: [policy, args.network] },
        );
        this.projectName = project.name;

        new aws.codebuild.Webhook(
            name,
            {
                projectName: project.name,
                buildType: "BUILD",
                filterGroups: [
                    {
                        filters: [
                            { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
                            { type: "WORKFLOW_NAME", pattern: `^(${runnerWorkflowNames.join("|")})$` },
                        ],
                    },
                ],
            },
            child,
        );
        this.registerOutputs({ projectName: this.projectName, securityGroupId: this.securityGroupId });
    }
}
