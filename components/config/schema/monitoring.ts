import { z } from "zod";
import { Team, teams } from "../../monitoring/alert-catalog";

const email = (example: string) => z.email({ error: `expected an email address such as ${example}` });

/** The Secrets Manager entry (`<app>/<env>/grafana-admin`) holding Grafana's admin login, when Grafana is on. */
export const GRAFANA_ENTRY = "grafana-admin";

/** A Prometheus duration in whole seconds, 10 s to 60 s: the scrape or rule evaluation interval. */
const interval = (what: string) =>
    z
        .string({ error: `expected a ${what} from 10s to 60s, such as 15s` })
        .regex(/^[1-9]\d*s$/, { error: `expected a ${what} from 10s to 60s, such as 15s` })
        .refine((d) => Number(d.slice(0, -1)) >= 10 && Number(d.slice(0, -1)) <= 60, {
            error: `expected a ${what} from 10s to 60s, such as 15s`,
        })
        .default("30s");

const positive = (unit: string, example: number) =>
    z
        .number({ error: `expected a number of ${unit} such as ${example}` })
        .positive({ error: `expected a number of ${unit} above 0, such as ${example}` })
        .optional();

/**
 * Where alerts are delivered. Addresses, the chat channel, where the paging key is kept and the
 * runbook location are configuration: the channels per severity are fixed [001], and no credential
 * is ever in a stack file.
 */
export function monitoringSchema() {
    return z.strictObject(
        {
            /** The on-call list that receives critical, high and low alerts by email. */
            oncallEmail: email("platform-oncall@hospital.org"),
            /** The sender of alert emails; defaults to the on-call address. */
            senderEmail: email("alertmanager@hospital.org").optional(),
            /** The SMTP relay and its user [003: SendGrid on 587, user "apikey"]. */
            smtpSmarthost: z
                .string({ error: "expected host:port, such as smtp.sendgrid.net:587" })
                .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { error: "expected host:port, such as smtp.sendgrid.net:587" })
                .default("smtp.sendgrid.net:587"),
            smtpUsername: z
                .string({ error: "expected the SMTP user name" })
                .min(1, { error: "expected the SMTP user name" })
                .default("apikey"),
            /**
             * Each alert links to `<runbookBaseUrl>#<alertname>`: the browsable URL of
             * docs/runbooks.md; without it, alerts name that path in the repository.
             */
            runbookBaseUrl: z.url({ protocol: /^https$/, error: "expected an https URL of the runbooks page" }).optional(),
            /** Grafana beside Prometheus [002]: admin login from Secrets Manager, no anonymous access, reached by port-forward only. */
            grafana: z.boolean({ error: "expected true or false" }).default(false),
            /**
             * Each team's mailing list [002, 003: DevOps on-call, DBA team, Security team]: an alert's email goes to the
             * team that owns it. A team left out is reached through the on-call list.
             */
            teams: z
                .strictObject(
                    {
                        devops: email("devops-oncall@hospital.org").optional(),
                        dba: email("dba@hospital.org").optional(),
                        security: email("security@hospital.org").optional(),
                    } satisfies Record<Team, unknown>,
                    { error: `expected a mapping of team email addresses (${teams.join(", ")})` },
                )
                .prefault({}),
            /**
             * PagerDuty for P1 CloudWatch alarms [001]: the Secrets Manager entry (in the stack's account and region)
             * holding the plain integration key of a PagerDuty service's Amazon CloudWatch integration, stored before
             * the first deploy. Without it, P1 alarms reach Slack and email only.
             */
            pagerduty: z
                .strictObject(
                    {
                        integrationKeySecret: z
                            .string({ error: "expected the name of a Secrets Manager entry, such as hims/prod/pagerduty-cloudwatch" })
                            .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, {
                                error: "expected the name of a Secrets Manager entry, such as hims/prod/pagerduty-cloudwatch",
                            }),
                    },
                    { error: "expected a mapping with integrationKeySecret" },
                )
                .optional(),
            /**
             * Slack for P1–P3 CloudWatch alarms [001], through AWS Chatbot: the workspace authorized once in the
             * Chatbot console and the channel's ID (neither is a credential). Without it, alarms reach email and
             * PagerDuty only.
             */
            slack: z
                .strictObject(
                    {
                        // The Chatbot API's own patterns (botocore chatbot 2017-10-11: SlackTeamId, SlackChannelId).
                        workspaceId: z
                            .string({ error: "expected the Slack workspace ID, such as T07EA123LEP" })
                            .regex(/^[0-9A-Z]{1,255}$/, { error: "expected the Slack workspace ID, such as T07EA123LEP" }),
                        channelId: z
                            .string({ error: "expected the Slack channel ID, such as C07EZ1ABC23" })
                            .regex(/^[A-Za-z0-9]{1,255}$/, { error: "expected the Slack channel ID, such as C07EZ1ABC23" }),
                    },
                    { error: "expected a mapping with workspaceId and channelId" },
                )
                .optional(),
            /** How often Prometheus scrapes every target and evaluates every rule [003: 15 s]; the chart's 30 s otherwise. */
            scrapeInterval: interval("scrape interval"),
            evaluationInterval: interval("rule evaluation interval"),
            /**
             * The system's own performance targets [002: p95 API latency 200 ms, DB query 100 ms, error rate 0.1 %]:
             * each one given adds an alert that fires while it is missed.
             */
            targets: z
                .strictObject(
                    {
                        apiLatencyP95Ms: positive("milliseconds", 200),
                        dbQueryP95Ms: positive("milliseconds", 100),
                        errorRatePercent: positive("percent", 0.1).refine((p) => p === undefined || p < 100, {
                            error: "expected a percentage below 100, such as 0.1",
                        }),
                    },
                    { error: "expected a mapping of targets (apiLatencyP95Ms, dbQueryP95Ms, errorRatePercent)" },
                )
                .prefault({}),
        },
        { error: "expected a mapping of monitoring settings" },
    );
}

export type MonitoringConfig = z.output<ReturnType<typeof monitoringSchema>>;

/** Each team's mailing list: its own where the stack names one, the on-call list otherwise. */
export function teamEmails(config: Pick<MonitoringConfig, "teams" | "oncallEmail">): Record<Team, string> {
    return Object.fromEntries(teams.map((t) => [t, config.teams[t] ?? config.oncallEmail])) as Record<Team, string>;
}

/** Grafana runs in the EKS cluster beside Prometheus; an ECS stack has neither. */
export function grafanaNeedsCluster(cfg: { monitoring: { grafana: boolean }; compute: { platform: string } }, ctx: z.RefinementCtx) {
    if (cfg.monitoring.grafana && cfg.compute.platform !== "eks") {
        ctx.addIssue({
            code: "custom",
            path: ["monitoring", "grafana"],
            message:
                "Grafana runs in the EKS cluster beside Prometheus, and ECS stacks alert through CloudWatch only; use compute.platform eks or leave grafana off",
        });
    }
}
