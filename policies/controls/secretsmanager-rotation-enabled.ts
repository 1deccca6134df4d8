import { isOneOf } from "../lib/resource-types";
import { stackControl } from "../lib/control";
import { SECRET_ROTATION_MAX_DAYS } from "../lib/minimums";
import { isGeneratedEntry, METRIC_ALARM, PARTNER_ISSUED, ROTATION, SECRET, SECRET_AGE_METRIC } from "../lib/secrets";
import { ofType, referencing, StackResource, Typed } from "../lib/stack";

/** Why no alarm watches the age of a partner-issued entry, or undefined when one does. */
function unwatched(resources: StackResource[], secret: Typed<typeof SECRET>): string | undefined {
    const alarms = ofType(resources, METRIC_ALARM).filter(
        (a) =>
            a.props.namespace === SECRET_AGE_METRIC.namespace &&
            a.props.metricName === SECRET_AGE_METRIC.name &&
            a.props.dimensions?.[SECRET_AGE_METRIC.dimension] === secret.props.name,
    );
    if (alarms.length === 0) return "no alarm watches its age";
    const good = alarms.find(
        (a) =>
            typeof a.props.threshold === "number" &&
            a.props.threshold <= SECRET_ROTATION_MAX_DAYS &&
            isOneOf(["GreaterThanThreshold", "GreaterThanOrEqualToThreshold"], a.props.comparisonOperator) &&
            a.props.treatMissingData === "breaching" &&
            (a.props.alarmActions ?? []).length > 0,
    );
    return good ? undefined : "its age alarm fires later than the rotation period, stays quiet without data, or notifies no one";
}

export const secretsmanagerRotationEnabled = stackControl({
    name: "careplane-secretsmanager-rotation-enabled",
    description: `Every secret rotates at least every ${SECRET_ROTATION_MAX_DAYS} days [004]: careplane's own entries through a rotation, and an entry a partner issues (tagged Rotation: ${PARTNER_ISSUED}, never one careplane generates) through an alarm on its age, fired past the period and when the age stops being reported.`,
    hipaa: ["164.308(a)(4)(ii)(B)", "164.308(a)(5)(ii)(D)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-SecretsManagerRotationEnabled"],
    types: [SECRET, ROTATION, METRIC_ALARM],
    check: (resources, report) => {
        for (const secret of ofType(resources, SECRET)) {
            if (referencing(resources, secret, "secretId", ROTATION).length > 0) continue;
            if (secret.props.tags?.Rotation !== PARTNER_ISSUED) {
                report(secret, {
                    problem: "it never rotates",
                    expected: `an aws.secretsmanager.SecretRotation at most every ${SECRET_ROTATION_MAX_DAYS} days`,
                });
            } else if (isGeneratedEntry(secret.props.name)) {
                report(secret, {
                    problem: `careplane generates ${secret.props.name}, yet it is tagged as issued by a partner and never rotates`,
                    expected: `an aws.secretsmanager.SecretRotation at most every ${SECRET_ROTATION_MAX_DAYS} days`,
                });
            } else {
                const why = unwatched(resources, secret);
                if (why)
                    report(secret, {
                        problem: `it is issued by a partner and ${why}`,
                        expected: `a ${SECRET_AGE_METRIC.namespace} ${SECRET_AGE_METRIC.name} alarm on it, above at most ${SECRET_ROTATION_MAX_DAYS} days, missing data breaching, with an action`,
                    });
            }
        }
    },
});
