import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { pinnedRelease } from "../cluster/pinned-release";
import { logGroup } from "../audit/log-groups";
import { attachPolicy } from "../security/iam";
import { irsaRole } from "../cluster/secret-sync";

/** AWS for Fluent Bit (aws/eks-charts), a DaemonSet in kube-system that tails the nodes' container logs. */
export const fluentBitChart = {
    chart: "aws-for-fluent-bit",
    version: "0.2.1",
    repo: "https://aws.github.io/eks-charts",
    namespace: "kube-system",
    serviceAccount: "aws-for-fluent-bit",
};

/** Where a namespace's container logs go: one group per workloads namespace, beside the ECS services' `/careplane/<app>-<env>-ecs/<service>`. */
export const containerLogGroupName = (ctx: PlatformContext, namespace: string) => `/careplane/${ctx.name("eks")}/${namespace}`;

/** The collector writes streams into its own group and nothing else; it never creates groups (ours carry retention and the key). */
export function containerLogWriterPolicy(logGroupArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteContainerLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${logGroupArn}:*`,
            },
        ],
    };
}

export interface ContainerLogsArgs {
    context: PlatformContext;
    provider: k8s.Provider;
    oidcProviderArn: pulumi.Input<string>;
    oidcIssuerHost: pulumi.Input<string>;
    /** The workloads' namespace: only its containers' logs are collected. */
    namespace: string;
    /** Encrypts the log group. */
    logsKeyArn: pulumi.Input<string>;
    /** The cluster's admission webhooks are ready (the load balancer controller's admits the chart's Service). */
    admissionReady: pulumi.Resource;
}

/**
 * The services' container logs in CloudWatch Logs [003, 004]: a log group the program creates
 * first (the environment's application-log retention, the logs key), and Fluent Bit with an IRSA
 * role that may only write into it. Application logs can carry PHI, so the group is fenced.
 */
export class ContainerLogs extends pulumi.ComponentResource {
    readonly logGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: ContainerLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:compute:ContainerLogs", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };
        const chart = fluentBitChart;

        this.logGroup = logGroup(
            name,
            {
                context: ctx,
                name: containerLogGroupName(ctx, args.namespace),
                logClass: "application",
                logsKeyArn: args.logsKeyArn,
                classification: "phi",
            },
            child,
        );

        const role = irsaRole(
            name,
            {
                cluster: args,
                namespace: chart.namespace,
                serviceAccount: chart.serviceAccount,
                role: {
                    description: `IRSA: ${chart.namespace}/${chart.serviceAccount} writes the ${args.namespace} containers' logs`,
                    tags: ctx.tags("internal"),
                },
            },
            child,
        );
        const grant = attachPolicy(
            name,
            ctx,
            role,
            `Fluent Bit: write the ${args.namespace} containers' logs`,
            this.logGroup.arn.apply((arn) => JSON.stringify(containerLogWriterPolicy(arn))),
            child,
        );

        pinnedRelease(
            name,
            {
                releaseName: chart.chart,
                chart,
                namespace: chart.namespace,
                settle: "rollback",
                values: {
                    serviceAccount: { create: true, name: chart.serviceAccount, annotations: { "eks.amazonaws.com/role-arn": role.arn } },
                    // Container log files are named <pod>_<namespace>_<container>-<id>.log.
                    input: { path: `/var/log/containers/*_${args.namespace}_*.log` },
                    cloudWatchLogs: {
                        enabled: true,
                        region: ctx.region,
                        logGroupName: this.logGroup.name,
                        logStreamPrefix: "",
                        autoCreateGroup: false,
                    },
                },
            },
            // The role may write before the first pod starts, into a group that already exists.
            { parent: this, provider: args.provider, dependsOn: [grant, this.logGroup, args.admissionReady] },
        );

        this.registerOutputs({ logGroupName: this.logGroup.name });
    }
}
