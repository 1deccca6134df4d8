import { PolicyResource } from "@pulumi/policy";
import { stackControl } from "../lib/control";
import { SECRET_ROTATION_MAX_DAYS } from "../lib/minimums";
import { ofType, referencing } from "../lib/stack";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";

/** Days between rotations from `rotationRules`; undefined when neither form is readable. */
function rotationDays(rules: any): number | undefined {
    if (typeof rules?.automaticallyAfterDays === "number") return rules.automaticallyAfterDays;
    const expr = String(rules?.scheduleExpression ?? "");
    const rate = /^rate\((\d+) days?\)$/.exec(expr);
    if (rate) return Number(rate[1]);
    const cron = /^cron\((.+)\)$/.exec(expr);
    if (!cron) return undefined;
    const [, , dayOfMonth, month, dayOfWeek] = cron[1].trim().split(/\s+/);
    if (month !== "*" && month !== "?" && month !== undefined) return month.includes("/") ? Number(month.split("/")[1]) * 31 : 366;
    if (dayOfMonth !== "*" && dayOfMonth !== "?") return 31;
    if (dayOfWeek !== "*" && dayOfWeek !== "?") return 7;
    return 1;
}

function rotatedBy(resources: PolicyResource[], secret: PolicyResource): PolicyResource[] {
    return referencing(resources, secret, "secretId", ROTATION);
}

export const secretsmanagerRotation = stackControl({
    name: "careplane-secretsmanager-rotation",
    description:
        "Every secret rotates at least every 90 days (quarterly): each with a SecretRotation that names a rotation function (RDS-managed master secrets are not Secret resources and rotate through RDS).",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.308(a)(5)(ii)(D)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-SecretsManagerRotationEnabled"],
    types: [SECRET, ROTATION],
    check: (resources, report) => {
        for (const secret of ofType(resources, SECRET)) {
            const rotations = rotatedBy(resources, secret);
            if (rotations.length === 0) {
                report(secret, {
                    problem: "it never rotates",
                    expected: `an aws.secretsmanager.SecretRotation at most every ${SECRET_ROTATION_MAX_DAYS} days`,
                });
                continue;
            }
            for (const r of rotations) {
                const days = rotationDays(r.props.rotationRules);
                if (r.props.rotationEnabled === false) {
                    report(r, { problem: `rotation of secret ${secret.name} is disabled`, expected: "rotationEnabled unset or true" });
                } else if (!r.props.rotationLambdaArn && !r.props.externalSecretRotationRoleArn) {
                    report(r, {
                        problem: `rotation of secret ${secret.name} names no rotation function`,
                        expected: "rotationLambdaArn (or managed external rotation)",
                    });
                } else if (days === undefined || days > SECRET_ROTATION_MAX_DAYS) {
                    report(r, {
                        problem:
                            days === undefined
                                ? `rotation of secret ${secret.name} has no readable schedule`
                                : `secret ${secret.name} rotates every ${days} days`,
                        expected: `rotationRules at most every ${SECRET_ROTATION_MAX_DAYS} days`,
                    });
                }
            }
        }
    },
});
