import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../../context";
import { AlarmSpec } from "../../monitoring/cloudwatch-alarms";
import { EventRoute, SecurityAlerts } from "../../monitoring/event-routes";
import { SECRET_AGE_METRIC } from "../../../functions/secret-rotation/secret-age";
import { awsTemplateFunction } from "./aws-template";
import { FunctionPlacement, ownFunction } from "./own-function";
import { ageCheckPolicy, rotationFunctionPolicy } from "./policies";
import { RotationSpec } from "./spec";
import { addSecretReader, SecretReaders } from "../../security/secret-read-policies";

/** An entry of the Secrets component, with how it rotates. */
export interface RotatedEntry {
    /** Short name: jwt, api/database, ... */
    entry: string;
    /** As Secrets Manager knows it: `<app>/<env>/<entry>`. */
    name: string;
    arn: pulumi.Output<string>;
    /** The value careplane stored first: rotation starts from it. */
    version: pulumi.Resource;
    rotation: RotationSpec;
}

export interface SecretRotationsArgs {
    context: PlatformContext;
    entries: RotatedEntry[];
    vpcId: pulumi.Input<string>;
    /** The private app subnets: NAT egress to the AWS APIs that have no endpoint, and the route to the data subnets. */
    appSubnetIds: pulumi.Input<string>[];
    secretsKeyArn: pulumi.Input<string>;
    logsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** Every rotated entry changes at least this often, and a partner-issued one alarms when older (`careplane:secrets.rotationDays`). */
    rotationDays: number;
}

/** Secrets Manager's rotation outcomes on EventBridge (CloudTrail "AWS Service Event" entries; user guide, "CloudTrail entries"). */
export const rotationFailedRoute: EventRoute = {
    key: "devops-secret-rotation-failed",
    severity: "high",
    team: "devops",
    description: "a Secrets Manager rotation failed or was abandoned: the entry keeps its current value (docs/runbooks.md)",
    pattern: {
        source: ["aws.secretsmanager"],
        "detail-type": ["AWS Service Event via CloudTrail"],
        detail: { eventSource: ["secretsmanager.amazonaws.com"], eventName: ["RotationFailed", "RotationAbandoned"] },
    },
};

const slug = (entry: string) => entry.replace(/\//g, "-");
const DAY = 86400;

/**
 * Every entry's rotation, at least every `careplane:secrets.rotationDays` [004]: PostgreSQL logins by AWS's
 * templates, everything else careplane generates by careplane's own functions (one per entry, allowed that
 * entry alone), partner-issued entries by a daily age check with an alarm each. Failures reach the alarm
 * topic: Secrets Manager's RotationFailed events, the age alarms, and the functions' dead-letter queue.
 */
export class SecretRotations extends pulumi.ComponentResource {
    /** Alarms and EventBridge routes for the monitoring area, notified like its own of the same severity. */
    readonly alerts: SecurityAlerts;
    /** The role of each entry's rotation function, by entry name: the entries' policies let them read and write. */
    readonly rotators: SecretReaders = {};

    constructor(name: string, args: SecretRotationsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:secrets:Rotations", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };
        const alarms: AlarmSpec[] = [];
        const region = ctx.region;

        const securityGroup = new aws.ec2.SecurityGroup(
            `${name}-functions`,
            {
                vpcId: args.vpcId,
                description: "careplane's rotation functions: HTTPS to AWS APIs only",
                ingress: [],
                egress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "AWS APIs (endpoints, NAT)" },
                ],
                tags: ctx.tags("internal", { Name: ctx.name("rotation-functions") }),
            },
            child,
        );
        const queueName = ctx.name("rotation-dead-letters");
        const deadLetters = new aws.sqs.Queue(
            `${name}-dead-letters`,
            { name: queueName, sqsManagedSseEnabled: true, messageRetentionSeconds: 14 * DAY, tags: ctx.tags("confidential") },
            child,
        );
        alarms.push({
            key: "rotation-dead-letters",
            severity: "high",
            team: "devops",
            description: "a rotation or age-check invocation failed for good; its event waits in the dead-letter queue",
            sources: ["004"],
            metric: {
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: queueName },
                stat: "Maximum",
            },
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            period: 300,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: "notBreaching",
        });
        const placement: FunctionPlacement = {
            subnetIds: args.appSubnetIds,
            securityGroupId: securityGroup.id,
            deadLetterQueueArn: deadLetters.arn,
            logsKeyArn: args.logsKeyArn,
            accountId: args.accountId,
            partition: args.partition,
        };
        const rules = { automaticallyAfterDays: args.rotationDays };

        const partner: RotatedEntry[] = [];
        for (const e of args.entries) {
            const r = e.rotation;
            const resourceName = `${name}-${e.entry}`;
            if (r.kind === "partner") {
                partner.push(e);
                continue;
            }
            if (r.kind === "postgres") {
                const template = awsTemplateFunction(
                    resourceName,
                    {
                        context: ctx,
                        suffix: `rotate-${slug(e.entry)}`,
                        rotation: r,
                        subnetIds: args.appSubnetIds,
                        secretsKeyArn: args.secretsKeyArn,
                        logsKeyArn: args.logsKeyArn,
                    },
                    child,
                );
                new aws.secretsmanager.SecretRotation(
                    resourceName,
                    { secretId: e.arn, rotationLambdaArn: template.functionArn, rotationRules: rules },
                    { parent: this, dependsOn: [e.version, ...r.after] },
                );
                addSecretReader(this.rotators, [e.name], template.roleArn);
                continue;
            }
            const fn = ownFunction(
                resourceName,
                {
                    context: ctx,
                    suffix: `rotate-${slug(e.entry)}`,
                    description: `Rotates ${e.name} (${r.kind})`,
                    environment: {
                        ROTATION_KIND: r.kind,
                        SECRET_ARN: e.arn,
                        ...(r.kind === "redis-user" ? { USER_ID: r.userId, USER_ARN: r.userArn } : {}),
                    },
                    placement,
                    policy: (basics, functionArn) =>
                        pulumi
                            .all([e.arn, args.secretsKeyArn, r.kind === "redis-user" ? r.userArn : undefined])
                            .apply(([secretArn, secretsKeyArn, redisUserArn]) =>
                                rotationFunctionPolicy({ ...basics, functionArn, secretArn, secretsKeyArn, region, redisUserArn }),
                            ),
                    // ElastiCache takes minutes to reach every node; Lambda allows 15.
                    timeout: r.kind === "redis-user" ? 900 : 30,
                },
                child,
            );
            const invoke = new aws.lambda.Permission(
                resourceName,
                {
                    action: "lambda:InvokeFunction",
                    function: fn.name,
                    principal: "secretsmanager.amazonaws.com",
                    sourceAccount: args.accountId,
                },
                child,
            );
            new aws.secretsmanager.SecretRotation(
                resourceName,
                { secretId: e.arn, rotationLambdaArn: fn.arn, rotationRules: rules },
                { parent: this, dependsOn: [e.version, invoke, ...(r.kind === "redis-user" ? r.after : [])] },
            );
            addSecretReader(this.rotators, [e.name], fn.role);
        }
        if (partner.length > 0) alarms.push(...this.watchAges(name, args, partner, placement));

        this.alerts = { alarms, events: [rotationFailedRoute] };
        this.registerOutputs({});
    }

    /** A daily age check of the partner-issued entries, and per entry an alarm past the rotation period. */
    private watchAges(name: string, args: SecretRotationsArgs, entries: RotatedEntry[], placement: FunctionPlacement): AlarmSpec[] {
        const ctx = args.context;
        const child = { parent: this };
        const fn = ownFunction(
            `${name}-secret-age`,
            {
                context: ctx,
                suffix: "secret-age",
                description: "Publishes the age of each partner-issued Secrets Manager entry",
                environment: { ROTATION_KIND: "secret-age", SECRET_NAMES: JSON.stringify(entries.map((e) => e.name)) },
                placement,
                policy: (basics) =>
                    pulumi
                        .all(entries.map((e) => e.arn))
                        .apply((secretArns) => ageCheckPolicy({ ...basics, secretArns, namespace: SECRET_AGE_METRIC.namespace })),
                timeout: 60,
            },
            child,
        );
        const schedule = new aws.cloudwatch.EventRule(
            `${name}-secret-age`,
            {
                name: ctx.name("secret-age"),
                description: "Daily: the age of each partner-issued Secrets Manager entry",
                scheduleExpression: "rate(1 day)",
                state: "ENABLED",
                tags: ctx.tags("internal"),
            },
            child,
        );
        const invoke = new aws.lambda.Permission(
            `${name}-secret-age`,
            { action: "lambda:InvokeFunction", function: fn.name, principal: "events.amazonaws.com", sourceArn: schedule.arn },
            child,
        );
        new aws.cloudwatch.EventTarget(`${name}-secret-age`, { rule: schedule.name, arn: fn.arn }, { parent: this, dependsOn: [invoke] });
        return entries.map((e) => ({
            key: `secret-age-${slug(e.entry)}`,
            severity: "medium",
            team: "devops",
            description: `${e.name} is issued by a partner and older than ${args.rotationDays} days: store a new value (docs/runbooks.md)`,
            sources: ["004"],
            metric: {
                namespace: SECRET_AGE_METRIC.namespace,
                metricName: SECRET_AGE_METRIC.name,
                dimensions: { [SECRET_AGE_METRIC.dimension]: e.name },
                stat: "Maximum",
            },
            comparisonOperator: "GreaterThanThreshold",
            threshold: args.rotationDays,
            period: DAY,
            // Two days without a figure (the check broken or the entry gone) count as too old.
            evaluationPeriods: 2,
            datapointsToAlarm: 1,
            treatMissingData: "breaching",
        }));
    }
}
