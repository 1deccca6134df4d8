import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { UptimeConfig } from "../config/schema/uptime";
import { PlatformContext } from "../context";
import { ScalableService } from "../compute/ecs";
import { attachPolicy } from "../security/iam";
import { serviceTrustPolicy } from "../security/trust-policies";

/** The managed node group the EKS schedules scale, and the node count it runs in business hours. */
export interface ScheduledNodeGroup {
    clusterName: pulumi.Input<string>;
    name: pulumi.Input<string>;
    arn: pulumi.Input<string>;
    count: number;
}

export interface BusinessHoursArgs {
    context: PlatformContext;
    /** Days, hours and time zone (`careplane:uptime`, mode business-hours). */
    config: UptimeConfig;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** EKS stacks: the node group scaled to zero outside business hours and back to its count at the start. */
    nodeGroup?: ScheduledNodeGroup;
    /** ECS stacks: each service's scalable target, held at zero outside business hours and at its range within. */
    services?: ScalableService[];
}

/** The cron expression (EventBridge Scheduler's and Application Auto Scaling's format) firing at `hour` o'clock on the days. */
export function dailyAt(hour: number, days: string): string {
    return `cron(0 ${hour} ? * ${days} *)`;
}

/**
 * A schedule that fails to reach its target gives up after an hour: a scale-down retried into the next morning
 * would stop the nodes in business hours (Scheduler's default retries for 24 hours).
 */
const RETRY = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 };

/**
 * Business-hours uptime [000: dev business hours only; test business hours + extended testing windows]: the
 * stack's compute runs from `start` to `end` o'clock on `days` in the hospital's time zone, and is scaled to
 * zero outside them. EKS: two EventBridge Scheduler schedules call EKS UpdateNodegroupConfig through a universal
 * target (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html) with a role that
 * may call that action on this node group alone; a managed node group scales through the EKS API, not by editing its
 * Auto Scaling group, and takes minimum and desired size 0
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html). ECS: Application Auto Scaling
 * scheduled actions set each service's scalable target to 0–0 and back to its range, so target tracking never
 * raises a service above a range the schedule lowered
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scheduled-scaling.html).
 * The database and the cache keep running (docs/configuration.md, careplane:uptime, says why).
 */
export class BusinessHours extends pulumi.ComponentResource {
    constructor(name: string, args: BusinessHoursArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:uptime:BusinessHours", name, {}, opts);
        const { context: ctx, config } = args;
        const child = { parent: this };
        const up = dailyAt(config.start, config.days);
        const down = dailyAt(config.end, config.days);

        if (args.nodeGroup) {
            const nodes = args.nodeGroup;
            const group = new aws.scheduler.ScheduleGroup(name, { name: ctx.name("business-hours"), tags: ctx.tags("internal") }, child);
            const role = new aws.iam.Role(
                `${name}-scheduler`,
                {
                    name: ctx.boundedName("business-hours", 64),
                    description: "EventBridge Scheduler: scales the EKS node group to business hours",
                    assumeRolePolicy: pulumi
                        .output(args.accountId)
                        .apply((a) => JSON.stringify(serviceTrustPolicy("scheduler.amazonaws.com", a))),
                    tags: ctx.tags("internal"),
                },
                child,
            );
            const permission = attachPolicy(
                `${name}-scheduler`,
                ctx,
                role,
                "EventBridge Scheduler: UpdateNodegroupConfig on the stack's node group alone",
                pulumi.output(nodes.arn).apply((arn) => JSON.stringify(nodeGroupScalingPolicy(arn))),
                child,
            );
            const schedule = (suffix: string, expression: string, size: number, description: string) =>
                new aws.scheduler.Schedule(
                    `${name}-${suffix}`,
                    {
                        name: ctx.name(`nodes-${suffix}`),
                        groupName: group.name,
                        description,
                        scheduleExpression: expression,
                        scheduleExpressionTimezone: config.timezone,
                        flexibleTimeWindow: { mode: "OFF" },
                        state: "ENABLED",
                        target: {
                            arn: pulumi.interpolate`arn:${args.partition}:scheduler:::aws-sdk:eks:updateNodegroupConfig`,
                            roleArn: role.arn,
                            input: pulumi
                                .all([nodes.clusterName, nodes.name])
                                .apply(([clusterName, nodegroupName]) =>
                                    JSON.stringify({ clusterName, nodegroupName, scalingConfig: { minSize: size, desiredSize: size } }),
                                ),
                            retryPolicy: RETRY,
                        },
                    },
                    { ...child, dependsOn: [permission] },
                );
            schedule("scale-up", up, nodes.count, `Business hours start: ${nodes.count} nodes`);
            schedule("scale-down", down, 0, "Business hours end: no nodes until the next start");
        }

        for (const svc of args.services ?? []) {
            const action = (suffix: string, expression: string, min: number, max: number) =>
                new aws.appautoscaling.ScheduledAction(
                    `${name}-${svc.service}-${suffix}`,
                    {
                        name: ctx.name(`${svc.service}-${suffix}`),
                        serviceNamespace: "ecs",
                        scalableDimension: "ecs:service:DesiredCount",
                        resourceId: svc.resourceId,
                        schedule: expression,
                        timezone: config.timezone,
                        scalableTargetAction: { minCapacity: min, maxCapacity: max },
                    },
                    child,
                );
            action("scale-up", up, svc.min, svc.max);
            action("scale-down", down, 0, 0);
        }
        this.registerOutputs({});
    }
}

/** The Scheduler role's one permission: EKS UpdateNodegroupConfig on one node group. */
export function nodeGroupScalingPolicy(nodeGroupArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "eks:UpdateNodegroupConfig", Resource: nodeGroupArn }],
    };
}
