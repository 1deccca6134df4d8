export const SECRET = "aws:secretsmanager/secret:Secret";
export const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
export const FUNCTION = "aws:lambda/function:Function";
export const SAR_STACK = "aws:serverlessrepository/cloudFormationStack:CloudFormationStack";
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** The `Rotation` tag value of an entry a partner issues: its age is watched instead (functions/secret-rotation/secret-age.ts). */
export const PARTNER_ISSUED = "partner";

/** The metric careplane's daily age check publishes, per entry (`SecretName` dimension). */
export const SECRET_AGE_METRIC = { namespace: "careplane/Secrets", name: "SecretAgeDays", dimension: "SecretName" } as const;

/**
 * Entries careplane generates, after `<app>/<env>/`: the JWT signing key, tool logins, database logins
 * (the master's too, on each database) and Redis users. Their values are careplane's to change, so they must rotate
 * automatically whatever their tags say.
 */
const GENERATED =
    /^(jwt|grafana-admin|(analytics-)?database-(master|migration|monitoring)|redis-monitoring|[a-z0-9-]+\/((analytics-)?database|redis))$/;

export function isGeneratedEntry(secretName: unknown): boolean {
    const parts = String(secretName ?? "").split("/");
    return parts.length >= 3 && GENERATED.test(parts.slice(2).join("/"));
}

/** AWS's Secrets Manager rotation templates in the Serverless Application Repository (Secrets Manager user guide, "Rotation function templates"). */
export function isRotationTemplate(applicationId: unknown): boolean {
    return /^arn:aws[a-z-]*:serverlessrepo:[a-z0-9-]+:\d{12}:applications\/SecretsManager[A-Za-z0-9]+Rotation[A-Za-z]*$/.test(
        String(applicationId ?? ""),
    );
}

/** Days between rotations from `rotationRules`; undefined when neither form is readable. */
export function rotationDays(rules: any): number | undefined {
    if (typeof rules?.automaticallyAfterDays === "number") return rules.automaticallyAfterDays;
    const expr = String(rules?.scheduleExpression ?? "");
    const rate = /^rate\((\d+) days?\)$/.exec(expr);
    if (rate) return Number(rate[1]);
    const cron = /^cron\((.+)\)$/.exec(expr);
    if (!cron) return undefined;
    const [, , dayOfMonth, month, dayOfWeek] = cron[1].trim().split(/\s+/);
    if (month !== undefined && month !== "*" && month !== "?") return month.includes("/") ? Number(month.split("/")[1]) * 31 : 366;
    if (dayOfMonth !== "*" && dayOfMonth !== "?") return 31;
    if (dayOfWeek !== "*" && dayOfWeek !== "?") return 7;
    return 1;
}
