import { aws, patch, specControl } from "../../support/controls";
import { rotateFunction, rotation, SECRET, secret } from "../baselines/audit";

/** An entry a partner issues, and the alarm on its age (careplane/Secrets SecretAgeDays). */
const issued = aws(SECRET, "smtp", {
    name: "caresync/prod/smtp",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/secrets",
    tags: { Rotation: "partner" },
});
const ageAlarm = aws("aws:cloudwatch/metricAlarm:MetricAlarm", "smtp-age", {
    namespace: "careplane/Secrets",
    metricName: "SecretAgeDays",
    dimensions: { SecretName: "caresync/prod/smtp" },
    threshold: 90,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "breaching",
    alarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"],
});
specControl("careplane-secretsmanager-rotation-enabled", {
    passes: [
        { it: "a secret with a rotation", fixtures: [secret, rotateFunction, rotation] },
        { it: "a partner-issued secret whose age an alarm watches", fixtures: [issued, ageAlarm] },
    ],
    fails: [
        {
            it: "a secret that never rotates",
            fixtures: [secret],
            message: "jwt (aws:secretsmanager/secret:Secret): it never rotates",
        },
        {
            it: "an entry careplane generates tagged as partner-issued",
            fixtures: patch([secret], "jwt", { tags: { Rotation: "partner" } }),
            message: "careplane generates caresync/prod/jwt, yet it is tagged as issued by a partner and never rotates",
        },
        {
            it: "a partner-issued secret no alarm watches",
            fixtures: [issued],
            message: "it is issued by a partner and no alarm watches its age",
        },
        {
            it: "an age alarm past the rotation period",
            fixtures: [issued, ...patch([ageAlarm], "smtp-age", { threshold: 180 })],
            message: "its age alarm fires later than the rotation period, stays quiet without data, or notifies no one",
        },
        {
            it: "an age alarm quiet without data",
            fixtures: [issued, ...patch([ageAlarm], "smtp-age", { treatMissingData: "notBreaching" })],
            message: "its age alarm fires later than the rotation period",
        },
        {
            it: "an age alarm that notifies no one",
            fixtures: [issued, ...patch([ageAlarm], "smtp-age", { alarmActions: [] })],
            message: "its age alarm fires later than the rotation period",
        },
    ],
});
