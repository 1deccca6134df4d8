// Shared by the seed-system specs: each system's stack files live in examples/<system>/.
import * as path from "path";
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { expect } from "chai";
import { CLOUDFRONT_ORIGIN_PREFIX_LIST } from "../../components/edge/cdn";
import { MOCK_PREFIX_LISTS } from "../../tools/engine/mocks";
import { configuredAnalyzer, ofType, planOf, ROOT, violationsOf } from "../support/engine";
import { policyConfigFile, readPolicyConfig } from "../../tools/engine/policy-config";

/** The plan of one of a seed system's stacks, from its folder under examples/. */
export function examplePlan(system: string, stack: string): Promise<Plan> {
    return planOf(stack, {}, path.join(ROOT, "examples", system));
}

/**
 * The policy pack's mandatory findings on a system's plan, as "policy: message" lines (empty when clean), with
 * the pack configured as the preview configures it for that folder (its policy-config.json, when it has one).
 */
export async function mandatoryViolations(system: string, plan: Plan): Promise<string[]> {
    const file = policyConfigFile(undefined, path.join(ROOT, "examples", system));
    const found = file ? await (await configuredAnalyzer(readPolicyConfig(file))).evaluate(plan) : await violationsOf(plan);
    return found.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policyName}: ${v.message}`);
}

function tagsOf(r: PlannedResource): Record<string, string> {
    return (r.inputs.tags ?? {}) as Record<string, string>;
}

/** RDS instances by the DatabaseRole tag the data tier gives them (primary, replica, ...). */
export function databaseInstances(plan: Plan, role: string): PlannedResource[] {
    return ofType(plan, "aws:rds/instance:Instance").filter((r) => tagsOf(r).DatabaseRole === role);
}

export function theOne(plan: Plan, type: string): PlannedResource {
    const found = ofType(plan, type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
}

/** Each HorizontalPodAutoscaler's name with its replica range. */
export function hpaRanges(plan: Plan): Record<string, { min: number; max: number }> {
    return Object.fromEntries(
        ofType(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").map((h) => {
            const { metadata, spec } = h.inputs as { metadata: { name: string }; spec: { minReplicas: number; maxReplicas: number } };
            return [metadata.name, { min: spec.minReplicas, max: spec.maxReplicas }];
        }),
    );
}

/** The utilization targets (percent) an HPA scales on, by resource name. */
export function hpaTargets(h: PlannedResource): Record<string, number> {
    const metrics = (h.inputs.spec as { metrics: Array<{ resource: { name: string; target: { averageUtilization: number } } }> }).metrics;
    return Object.fromEntries(metrics.map((m) => [m.resource.name, m.resource.target.averageUtilization]));
}

/** Secrets Manager entry names, without the `<app>/<env>/` prefix. */
export function secretEntries(plan: Plan): string[] {
    return ofType(plan, "aws:secretsmanager/secret:Secret")
        .map((s) => String(s.inputs.name).split("/").slice(2).join("/"))
        .sort();
}

/** The generated value behind a secrets-component entry (its RandomPassword's inputs). */
export function generatedLength(plan: Plan, entry: string): number {
    const found = ofType(plan, "random:index/randomPassword:RandomPassword").find((r) => r.name === `secrets-${entry}`);
    if (!found) throw new Error(`no generated value for ${entry}`);
    return found.inputs.length as number;
}

/** Log groups' retention (days) by name. */
export function logRetention(plan: Plan): Record<string, number> {
    return Object.fromEntries(
        ofType(plan, "aws:cloudwatch/logGroup:LogGroup").map((g) => [String(g.inputs.name), g.inputs.retentionInDays as number]),
    );
}

export interface BackupRule {
    ruleName: string;
    schedule: string;
    enableContinuousBackup?: boolean;
    lifecycle: { deleteAfter: number; coldStorageAfter?: number };
    copyActions?: Array<{ destinationVaultArn: string; lifecycle: { deleteAfter: number } }>;
}

/** The AWS Backup plan's rules, by rule name. */
export function backupRules(plan: Plan): Record<string, BackupRule> {
    const rules = theOne(plan, "aws:backup/plan:Plan").inputs.rules as BackupRule[];
    return Object.fromEntries(rules.map((r) => [r.ruleName, r]));
}

/** Every alert the stack's PrometheusRule objects declare, by name, with the namespace it lives in. */
export function alertNamespaces(plan: Plan): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of ofType(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule")) {
        const { metadata, spec } = r.inputs as {
            metadata: { namespace: string };
            spec: { groups: Array<{ rules: Array<{ alert: string }> }> };
        };
        for (const g of spec.groups) for (const rule of g.rules) out[rule.alert] = metadata.namespace;
    }
    return out;
}

/** The stack's CloudWatch alarms. */
export function alarms(
    plan: Plan,
): Array<{ name: string; metricName: string; threshold: number; comparisonOperator: string; dimensions: Record<string, string> }> {
    return ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs as any);
}

/** An alerting rule the stack's PrometheusRule objects declare, by its alert name. */
export function alertingRule(plan: Plan, alert: string): { alert: string; expr: string; for: string; labels: Record<string, string> } {
    const rules = ofType(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule").flatMap((r) =>
        (
            r.inputs.spec as {
                groups: Array<{ rules: Array<{ alert: string; expr: string; for: string; labels: Record<string, string> }> }>;
            }
        ).groups.flatMap((g) => g.rules),
    );
    const found = rules.filter((r) => r.alert === alert);
    if (found.length !== 1) throw new Error(`expected one rule ${alert}, found ${found.length}`);
    return found[0];
}

/** How an SNS alarm topic delivers: its subscriptions' protocols and endpoints, and whether Chatbot posts it to Slack. */
export function deliveries(plan: Plan, topicArn: string): { email: string[]; https: number; slack: boolean } {
    const subscriptions = ofType(plan, "aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.topic === topicArn);
    const chat = ofType(plan, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration");
    return {
        email: subscriptions.filter((s) => s.inputs.protocol === "email").map((s) => String(s.inputs.endpoint)),
        https: subscriptions.filter((s) => s.inputs.protocol === "https").length,
        slack: chat.some((c) => (c.inputs.snsTopicArns as string[]).includes(topicArn)),
    };
}

/** The ARN of the alarm topic a CloudWatch alarm (by name) notifies; its OK actions must be the same. */
export function alarmTopic(plan: Plan, alarmName: string): string {
    const alarm = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.name === alarmName);
    if (!alarm) throw new Error(`no alarm ${alarmName}`);
    const [topic, ...more] = alarm.inputs.alarmActions as string[];
    if (more.length > 0 || JSON.stringify(alarm.inputs.okActions) !== JSON.stringify([topic]))
        throw new Error(`${alarmName} notifies more than one route`);
    return topic;
}

/**
 * Behind CloudFront the load balancer admits CloudFront alone: its security group takes CloudFront's origin-facing
 * prefix list on HTTPS only, and its WAF first blocks every request without CloudFront's secret origin header.
 */
export function expectLoadBalancerAdmitsCloudFrontOnly(p: Plan): void {
    const ingress = theOne(p, "kubernetes:networking.k8s.io/v1:Ingress");
    const a = (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations;
    const prefix = "alb.ingress.kubernetes.io/";
    expect(a[`${prefix}security-group-prefix-lists`]).to.equal(MOCK_PREFIX_LISTS[CLOUDFRONT_ORIGIN_PREFIX_LIST].id);
    // The controller admits 0.0.0.0/0 only when neither inbound-cidrs nor a prefix list is given.
    expect(a).to.not.have.any.keys(`${prefix}inbound-cidrs`, `${prefix}security-groups`, `${prefix}ssl-redirect`);
    expect(JSON.parse(a[`${prefix}listen-ports`])).to.deep.equal([{ HTTPS: 443 }]);

    const cdn = theOne(p, "aws:cloudfront/distribution:Distribution");
    const [header] = (cdn.inputs as any).origins[0].customHeaders;
    const regional = ofType(p, "aws:wafv2/webAcl:WebAcl").find((acl) => a[`${prefix}wafv2-acl-arn`].endsWith(`/${acl.name}`))!;
    const [first, rate, ...managed] = regional.inputs.rules as any[];
    expect(first).to.deep.include({ priority: 0, action: { block: {} } });
    const match = first.statement.notStatement.statement.byteMatchStatement;
    expect(match).to.deep.include({ fieldToMatch: { singleHeader: { name: header.name } }, positionalConstraint: "EXACTLY" });
    // Then a per-client rate limit, the client being the first X-Forwarded-For address behind CloudFront.
    expect(rate).to.deep.include({ priority: 1, action: { block: {} } });
    expect(rate.statement.rateBasedStatement).to.deep.include({ aggregateKeyType: "FORWARDED_IP" });
    expect(managed.map((r) => r.priority)).to.deep.equal([2, 3, 4, 5]);
    // The value is secret in both places, and both take it from the same generated password.
    expect([header.value, match.searchString]).to.deep.equal(["[secret]", "[secret]"]);
    const origin = ofType(p, "random:index/randomPassword:RandomPassword").find((r) => r.name === "cdn-origin-verify")!;
    expect(cdn.propertyDependencies.origins).to.include(origin.urn);
    expect(regional.propertyDependencies.rules).to.include(origin.urn);
    // WAF logs every request it evaluates: the header is redacted there.
    const logging = ofType(p, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").find((l) =>
        String(l.inputs.resourceArn).endsWith(`/${regional.name}`),
    )!;
    expect(logging.inputs.redactedFields).to.deep.include({ singleHeader: { name: header.name } });
}
