import { z } from "zod";

const email = (example: string) => z.email({ error: `expected an email address such as ${example}` });

/** The Secrets Manager entry (`<app>/<env>/grafana-admin`) holding Grafana's admin login, when Grafana is on. */
export const GRAFANA_ENTRY = "grafana-admin";

/**
 * Where alerts are delivered. Only addresses and the runbook location are configuration: the
 * routing per severity is fixed [001], and the receivers' credentials live in Secrets Manager.
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
        },
        { error: "expected a mapping of monitoring settings" },
    );
}

export type MonitoringConfig = z.output<ReturnType<typeof monitoringSchema>>;

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
