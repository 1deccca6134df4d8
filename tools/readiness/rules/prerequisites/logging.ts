// What CloudTrail and VPC flow logs require of the log group and role they deliver through.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { parsePolicy } from "../../policy";
import { stackRule } from "../../rule";
import { decide } from "../../simulate";
import { identityPoliciesOf, T } from "../aws";

export const trailLogGroupArn = stackRule(
    {
        id: "prerequisites/cloudtrail-log-group-arn",
        family: "prerequisites",
        description: "A trail's CloudWatch Logs group ARN ends in :* (the form CloudTrail accepts)",
        source: "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html",
    },
    (ctx, rule) =>
        ctx
            .ofType(T.trail)
            .filter((t) => typeof t.inputs.cloudWatchLogsGroupArn === "string" && !String(t.inputs.cloudWatchLogsGroupArn).endsWith(":*"))
            .map((t) =>
                ctx.finding(rule, t, {
                    message: `CloudTrail wants the log group ARN with its :* suffix; ${t.inputs.cloudWatchLogsGroupArn} has none`,
                    awsError: "InvalidCloudWatchLogsLogGroupArnException",
                    fix: "pass `${logGroup.arn}:*`",
                }),
            ),
);

interface Delivery {
    holder: PlannedResource;
    role: PlannedResource;
    service: string;
    /** The log group ARN the service writes to (no :* suffix). */
    logGroup: string;
    awsError: string;
}

function deliveries(ctx: ReadinessContext): Delivery[] {
    const out: Delivery[] = [];
    for (const trail of ctx.ofType(T.trail)) {
        const role = ctx.referenced(trail, "cloudWatchLogsRoleArn", T.role);
        const group = str(trail.inputs.cloudWatchLogsGroupArn)?.replace(/:\*$/, "");
        if (role && group)
            out.push({
                holder: trail,
                role,
                service: "cloudtrail.amazonaws.com",
                logGroup: group,
                awsError: "InvalidCloudWatchLogsRoleArnException",
            });
    }
    for (const flow of ctx.ofType(T.flowLog)) {
        if ((flow.inputs.logDestinationType ?? "cloud-watch-logs") !== "cloud-watch-logs") continue;
        const role = ctx.referenced(flow, "iamRoleArn", T.role);
        const group = str(flow.inputs.logDestination);
        if (role && group)
            out.push({
                holder: flow,
                role,
                service: "vpc-flow-logs.amazonaws.com",
                logGroup: group,
                awsError: "InvalidParameter (Access error)",
            });
    }
    return out;
}

export const deliveryRole = stackRule(
    {
        id: "prerequisites/log-delivery-role",
        family: "prerequisites",
        description: "The role a trail or flow log delivers through trusts the service and may write to the log group",
        source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
    },
    async (ctx, rule) => {
        const findings = [];
        for (const d of deliveries(ctx)) {
            const roleArn = `arn:aws:iam::${ctx.account}:role/${str(d.role.inputs.name) ?? d.role.name}`;
            const trust = await decide({
                principal: d.service,
                action: "sts:AssumeRole",
                resource: roleArn,
                resourceAccount: ctx.account,
                resourcePolicy: parsePolicy(d.role.inputs.assumeRolePolicy) ?? { Statement: [] },
                context: {
                    "aws:SourceAccount": ctx.account,
                    "aws:SourceArn":
                        d.holder.type === T.trail
                            ? ctx.arn("cloudtrail", `trail/${str(d.holder.inputs.name) ?? d.holder.name}`, ctx.regionOf(d.holder))
                            : ctx.arn("ec2", `vpc-flow-log/fl-${d.holder.name}`, ctx.regionOf(d.holder)),
                },
            });
            const write = await decide({
                principal: roleArn,
                action: "logs:PutLogEvents",
                resource: `${d.logGroup}:log-stream:x`,
                resourceAccount: ctx.account,
                identityPolicies: identityPoliciesOf(ctx, d.role),
            });
            const problems = [
                trust !== "Allowed" ? `${d.service} cannot assume ${d.role.name}` : undefined,
                write !== "Allowed" ? `${d.role.name} may not logs:PutLogEvents into ${d.logGroup}` : undefined,
            ].filter(Boolean);
            if (problems.length > 0)
                findings.push(
                    ctx.finding(rule, d.holder, {
                        message: `the service checks its delivery role when ${d.holder.name} is created: ${problems.join("; ")}`,
                        awsError: d.awsError,
                        fix: `trust ${d.service} in the role and allow logs:CreateLogStream and logs:PutLogEvents on the log group's streams`,
                    }),
                );
        }
        return findings;
    },
);
