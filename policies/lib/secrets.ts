export const SECRET = "aws:secretsmanager/secret:Secret";
export const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";

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
