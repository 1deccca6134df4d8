// What EventBridge Scheduler requires of a universal target.
import { ReadinessContext, str } from "../../context";
import { asList, parsePolicy } from "../../policy";
import { stackRule } from "../../rule";
import { decide } from "../../simulate";
import { identityPoliciesOf, T } from "../aws";

const UNIVERSAL_TARGET = /^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)$/;
const UNIVERSAL_TARGETS_PAGE = "https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html";

/**
 * Read-only actions a universal target refuses ("Unsupported actions" on the universal targets page): an action
 * whose name begins with one of these prefixes.
 */
const READ_ONLY_PREFIXES = [
    "get",
    "describe",
    "list",
    "poll",
    "receive",
    "search",
    "scan",
    "query",
    "select",
    "read",
    "lookup",
    "discover",
    "validate",
    "batchGet",
    "batchDescribe",
    "batchRead",
];

/** SDK service identifiers (what the target ARN names) whose IAM action prefix differs. */
const IAM_PREFIX: Record<string, string> = {
    sfn: "states",
    cognitoidentityprovider: "cognito-idp",
    applicationautoscaling: "application-autoscaling",
    elasticloadbalancingv2: "elasticloadbalancing",
};

/** The IAM action a universal target calls: `eks:updateNodegroupConfig` → `eks:UpdateNodegroupConfig`. */
export function iamActionOf(service: string, apiAction: string): string {
    return `${IAM_PREFIX[service] ?? service}:${apiAction[0].toUpperCase()}${apiAction.slice(1)}`;
}

function wildcardMatch(pattern: string, value: string): boolean {
    const re = new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        "i",
    );
    return re.test(value);
}

/** Whether the role may call the action on a resource one of its policies grants it on (and none denies). */
async function roleMayCall(ctx: ReadinessContext, roleArn: string, policies: ReturnType<typeof identityPoliciesOf>, action: string) {
    const granted = policies.flatMap((p) =>
        p.Statement.filter((s) => s.Effect === "Allow" && asList(s.Action).some((a) => wildcardMatch(a, action))).flatMap((s) =>
            asList(s.Resource),
        ),
    );
    for (const resource of granted) {
        const decision = await decide({ principal: roleArn, action, resource, resourceAccount: ctx.account, identityPolicies: policies });
        if (decision === "Allowed") return true;
    }
    return false;
}

export const schedulerUniversalTarget = stackRule(
    {
        id: "prerequisites/scheduler-universal-target",
        family: "prerequisites",
        description:
            "A schedule's universal target calls an action Scheduler supports (no read-only one), through a role Scheduler may assume for this account that allows that action",
        source: UNIVERSAL_TARGETS_PAGE,
    },
    async (ctx, rule) => {
        const findings = [];
        for (const schedule of ctx.ofType(T.schedule)) {
            const target = (schedule.inputs.target ?? {}) as { arn?: unknown; roleArn?: unknown };
            const m = UNIVERSAL_TARGET.exec(str(target.arn) ?? "");
            if (!m) continue;
            const [, service, apiAction] = m;
            if (READ_ONLY_PREFIXES.some((p) => apiAction.startsWith(p))) {
                findings.push(
                    ctx.finding(rule, schedule, {
                        message: `Scheduler refuses the universal target ${service}:${apiAction}: it does not call read-only actions`,
                        awsError: "ValidationException",
                        fix: "target an action that changes something (a read's answer goes nowhere), or a Lambda function that reads and acts",
                    }),
                );
                continue;
            }
            const role = ctx.resolve(schedule, target.roleArn, T.role);
            if (!role) continue;
            const roleArn = `arn:aws:iam::${ctx.account}:role/${str(role.inputs.name) ?? role.name}`;
            const scheduleName = str(schedule.inputs.name) ?? schedule.name;
            const group = str(schedule.inputs.groupName) ?? "default";
            const trust = await decide({
                principal: "scheduler.amazonaws.com",
                action: "sts:AssumeRole",
                resource: roleArn,
                resourceAccount: ctx.account,
                resourcePolicy: parsePolicy(role.inputs.assumeRolePolicy) ?? { Statement: [] },
                context: {
                    "aws:SourceAccount": ctx.account,
                    "aws:SourceArn": ctx.arn("scheduler", `schedule/${group}/${scheduleName}`, ctx.regionOf(schedule)),
                },
            });
            const action = iamActionOf(service, apiAction);
            const allowed = await roleMayCall(ctx, roleArn, identityPoliciesOf(ctx, role), action);
            const problems = [
                trust !== "Allowed" ? `scheduler.amazonaws.com cannot assume ${role.name}` : undefined,
                !allowed ? `${role.name} may not ${action}` : undefined,
            ].filter(Boolean);
            if (problems.length > 0)
                findings.push(
                    ctx.finding(rule, schedule, {
                        message: `every run of ${scheduleName} fails (the target is never called): ${problems.join("; ")}`,
                        awsError: "AccessDeniedException (in the schedule's invocation metrics, not at create)",
                        fix: `trust scheduler.amazonaws.com (aws:SourceAccount ${ctx.account}) in the role and allow ${action} on the resource the input names`,
                    }),
                );
        }
        return findings;
    },
);
