// Where CloudWatch alarms go: one KMS-encrypted SNS topic per route (a team and a severity), subscribed to
// the channels of 001's escalation table for that severity — PagerDuty's CloudWatch integration for P1,
// Slack through AWS Chatbot for P1–P3, the owning team's mailing list for P1, P2 and P4 (and for P3 when
// the stack has no Slack channel).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { MonitoringConfig, teamEmails } from "../config/schema/monitoring";
import { attachPolicy } from "../security/iam";
import { serviceTrustPolicy } from "../security/trust-policies";
import { Severity, severities, severityLevels, Team, teams } from "./alert-catalog";
import { alarmKeyPolicyDocument, alarmTopicPolicyDocument } from "./alarm-notifications";
import { keyDeleters, stackKey } from "../security/keys";
import { eventRuleArn } from "./event-routes";

/**
 * The Regions whose endpoints serve the Chatbot API (AWS General Reference, "Amazon Q Developer in chat
 * applications endpoints and quotas": us-east-2, us-west-2, eu-west-1, ap-southeast-1); a configuration made
 * through one of them serves topics in every Region. A request to any other Region's endpoint fails
 * (aws/aws-cli#8658: no chatbot.us-east-1.amazonaws.com).
 */
export const CHATBOT_REGIONS = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"] as const;

/** The Chatbot Region a stack manages its Slack channel through: its own where it is one, else the nearest. */
export function chatbotRegion(region: string): string {
    if ((CHATBOT_REGIONS as readonly string[]).includes(region)) return region;
    if (/^(eu|af|me|il)-/.test(region)) return "eu-west-1";
    if (/^ap-/.test(region)) return "ap-southeast-1";
    if (/^(us|ca)-west-/.test(region)) return "us-west-2";
    return "us-east-2";
}

/** A PagerDuty service's Amazon CloudWatch integration, as an SNS HTTPS endpoint (it confirms subscriptions itself). */
export function pagerDutyEndpoint(integrationKey: string): string {
    return `https://events.pagerduty.com/integration/${integrationKey}/enqueue`;
}

/** What the Slack channel's role may do: read alarms and their graphs, nothing else (Chatbot's notifications-only set). */
export function chatbotChannelPolicy() {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadAlarmsAndMetrics",
                Effect: "Allow",
                Action: [
                    "cloudwatch:DescribeAlarms",
                    "cloudwatch:DescribeAlarmHistory",
                    "cloudwatch:GetMetricData",
                    "cloudwatch:GetMetricStatistics",
                    "cloudwatch:GetMetricWidgetImage",
                    "cloudwatch:ListMetrics",
                ],
                Resource: "*",
            },
        ],
    };
}

/**
 * The EventBridge rules that may publish to a team's topics: the stack's own rules named after the team
 * (`<app>-<env>-security-*`, EventRoute's keys), on the account's default bus in the stack's Region.
 */
function teamRules(ctx: PlatformContext, partition: string, accountId: string, team: Team): string {
    return eventRuleArn(partition, ctx.region, accountId, ctx.name(`${team}-*`));
}

/** A route's short name: `p1-devops`. */
export const routeName = (severity: Severity, team: Team) => `${severityLevels[severity].priority.toLowerCase()}-${team}`;

export interface AlarmRoutesArgs {
    context: PlatformContext;
    monitoring: MonitoringConfig;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * The alarm routes of one stack. Every CloudWatch alarm and routed event notifies exactly one topic:
 * `topicArn(severity, team)`. Each topic is encrypted with the alarms key and admits, over TLS only, this
 * account's CloudWatch alarms and the stack's EventBridge rules named after its team.
 */
export class AlarmRoutes extends pulumi.ComponentResource {
    private readonly topics = new Map<string, aws.sns.Topic>();
    /** Topic ARNs by route (`p1-devops`, …), for the stack's outputs. */
    readonly topicArns: Record<string, pulumi.Output<string>> = {};
    /** The key the topics are encrypted with; break-glass administers it like the stack's other keys. */
    readonly keyArn: pulumi.Output<string>;

    constructor(name: string, args: AlarmRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:monitoring:AlarmRoutes", name, {}, opts);
        const ctx = args.context;
        const config = args.monitoring;
        const child = { parent: this };

        const key = this.alarmsKey(name, args);
        this.keyArn = key.arn;
        const emails = teamEmails(config);
        // Read at deploy time from the entry the operator filled; a secret output, masked in state and plans.
        const pagerDuty =
            config.pagerduty &&
            pulumi.secret(
                aws.secretsmanager
                    .getSecretVersionOutput({ secretId: config.pagerduty.integrationKeySecret }, child)
                    .secretString.apply((integrationKey) => pagerDutyEndpoint(integrationKey.trim())),
            );

        for (const severity of severities) {
            const { channels, priority } = severityLevels[severity];
            for (const team of teams) {
                const route = routeName(severity, team);
                const topic = new aws.sns.Topic(
                    `${name}-${route}`,
                    {
                        name: ctx.name(`alarms-${route}`),
                        displayName: `${ctx.app} ${ctx.environment} ${priority} ${team}`,
                        kmsMasterKeyId: key.arn,
                        tags: ctx.tags("internal", { Severity: severity, Priority: priority, Team: team }),
                    },
                    child,
                );
                new aws.sns.TopicPolicy(
                    `${name}-${route}`,
                    {
                        arn: topic.arn,
                        policy: pulumi.all([topic.arn, args.accountId, args.partition]).apply(([arn, accountId, partition]) =>
                            JSON.stringify(
                                alarmTopicPolicyDocument(arn, {
                                    accountId,
                                    partition,
                                    region: ctx.region,
                                    eventRuleArns: [teamRules(ctx, partition, accountId, team)],
                                }),
                            ),
                        ),
                    },
                    child,
                );
                // Without a Slack channel, the routes that would post there mail the team instead: none goes unheard.
                if (channels.includes("email") || (channels.includes("slack") && !config.slack)) {
                    new aws.sns.TopicSubscription(
                        `${name}-${route}-email`,
                        { topic: topic.arn, protocol: "email", endpoint: emails[team] },
                        child,
                    );
                }
                if (channels.includes("pagerduty") && pagerDuty) {
                    new aws.sns.TopicSubscription(
                        `${name}-${route}-pagerduty`,
                        // PagerDuty confirms at once: waiting for it proves the key before the deploy ends.
                        {
                            topic: topic.arn,
                            protocol: "https",
                            endpoint: pagerDuty,
                            endpointAutoConfirms: true,
                            confirmationTimeoutInMinutes: 5,
                        },
                        child,
                    );
                }
                this.topics.set(route, topic);
                this.topicArns[route] = topic.arn;
            }
        }
        if (config.slack) this.slackChannel(name, args, config.slack);
        this.registerOutputs({ topicArns: this.topicArns });
    }

    /** The topic an alarm of this severity, owned by this team, notifies. */
    topicArn(severity: Severity, team: Team): pulumi.Output<string> {
        return this.topics.get(routeName(severity, team))!.arn;
    }

    /**
     * The key every topic is encrypted with. It was the Monitoring component's until the routes became their
     * own component: the aliases keep the key (protected in prod) and its alias name where they are.
     */
    private alarmsKey(name: string, args: AlarmRoutesArgs): aws.kms.Key {
        const ctx = args.context;
        const formerly = [{ name: "monitoring-alarms", parent: pulumi.createUrn("monitoring", "careplane:monitoring:Monitoring") }];
        return stackKey(
            `${name}-key`,
            {
                context: ctx,
                alias: "alarms",
                description: "encrypts alarm notifications",
                classification: "confidential",
                accountId: args.accountId,
                partition: args.partition,
                tags: { KeyClass: "alarms" },
                policy: (account) =>
                    alarmKeyPolicyDocument({
                        ...account,
                        region: ctx.region,
                        deleters: keyDeleters(ctx, "alarms"),
                        eventRuleArns: teams.map((team) => teamRules(ctx, account.partition, account.accountId, team)),
                    }),
            },
            { parent: this, aliases: formerly },
        );
    }

    /**
     * Slack through AWS Chatbot rather than a webhook function: no webhook URL to keep secret, no code to run
     * and patch, and Chatbot renders CloudWatch alarms itself. The channel role reads alarms and nothing else,
     * and is also the channel's guardrail (without one, Chatbot applies AdministratorAccess to what channel
     * members may do); members must bring their own role to run any command.
     */
    private slackChannel(name: string, args: AlarmRoutesArgs, slack: NonNullable<MonitoringConfig["slack"]>) {
        const ctx = args.context;
        const child = { parent: this };
        const role = new aws.iam.Role(
            `${name}-chatbot`,
            {
                name: ctx.name("chatbot-slack"),
                description: "AWS Chatbot: posts the stack's alarms to Slack, reads alarms only",
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("chatbot.amazonaws.com")),
                tags: ctx.tags("internal"),
            },
            child,
        );
        // Chatbot receives the role once its permissions are attached: the guardrail names the attached policy.
        const attachment = attachPolicy(
            `${name}-chatbot`,
            ctx,
            role,
            "AWS Chatbot's Slack channel: read alarms and metrics",
            JSON.stringify(chatbotChannelPolicy()),
            child,
        );
        const slackTopics = severities
            .filter((s) => severityLevels[s].channels.includes("slack"))
            .flatMap((s) => teams.map((t) => this.topicArn(s, t)));
        new aws.chatbot.SlackChannelConfiguration(
            `${name}-slack`,
            {
                configurationName: ctx.name("alarms"),
                region: chatbotRegion(ctx.region),
                slackTeamId: slack.workspaceId,
                slackChannelId: slack.channelId,
                iamRoleArn: role.arn,
                guardrailPolicyArns: [attachment.policyArn],
                userAuthorizationRequired: true,
                snsTopicArns: slackTopics,
                loggingLevel: "ERROR",
                tags: ctx.tags("internal"),
            },
            child,
        );
    }
}
