// Numeric ranges AWS enforces that its API models leave out (the model says "integer"; the API
// reference says the range in prose).
import { PlannedResource } from "../../../engine/plan";
import { stackRule } from "../../rule";
import { RuleInfo } from "../../finding";
import { T } from "../aws";

interface Range {
    id: string;
    type: string;
    property: string;
    allowed: (n: number) => boolean;
    says: string;
    awsError: string;
    source: string;
}

const ranges: Range[] = [
    {
        id: "constraints/kms-deletion-window",
        type: T.key,
        property: "deletionWindowInDays",
        allowed: (n) => Number.isInteger(n) && n >= 7 && n <= 30,
        says: "7 to 30 days",
        awsError: "ValidationException",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html",
    },
    {
        id: "constraints/secrets-recovery-window",
        type: T.secret,
        property: "recoveryWindowInDays",
        allowed: (n) => n === 0 || (Number.isInteger(n) && n >= 7 && n <= 30),
        says: "0 (delete at once, ForceDeleteWithoutRecovery) or 7 to 30 days",
        awsError: "InvalidParameterException",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html",
    },
    {
        id: "constraints/rds-performance-insights-retention",
        type: T.rds,
        property: "performanceInsightsRetentionPeriod",
        allowed: (n) => n === 7 || n === 731 || (Number.isInteger(n / 31) && n / 31 >= 1 && n / 31 <= 23),
        says: "7, a number of months times 31 (31 to 713), or 731 days",
        awsError: "InvalidParameterValue",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
    },
    {
        id: "constraints/rds-backup-retention",
        type: T.rds,
        property: "backupRetentionPeriod",
        allowed: (n) => Number.isInteger(n) && n >= 0 && n <= 35,
        says: "0 to 35 days",
        awsError: "InvalidParameterValue",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
    },
    {
        id: "constraints/rds-monitoring-interval",
        type: T.rds,
        property: "monitoringInterval",
        allowed: (n) => [0, 1, 5, 10, 15, 30, 60].includes(n),
        says: "0, 1, 5, 10, 15, 30 or 60 seconds",
        awsError: "InvalidParameterValue",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
    },
    {
        id: "constraints/elasticache-snapshot-retention",
        type: T.cache,
        property: "snapshotRetentionLimit",
        allowed: (n) => Number.isInteger(n) && n >= 0 && n <= 35,
        says: "0 to 35 days",
        awsError: "InvalidParameterValue",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
    },
    {
        id: "constraints/backup-vault-lock-grace",
        type: T.vaultLock,
        property: "changeableForDays",
        allowed: (n) => Number.isInteger(n) && n >= 3,
        says: "at least 3 days",
        awsError: "InvalidParameterValueException",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html",
    },
];

const rangeRule = (r: Range) =>
    stackRule(
        {
            id: r.id,
            family: "constraints",
            description: `${r.type.split(":").pop()}.${r.property} is ${r.says}`,
            source: r.source,
        } satisfies RuleInfo,
        (ctx, rule) =>
            ctx
                .ofType(r.type)
                .filter(
                    (res: PlannedResource) => typeof res.inputs[r.property] === "number" && !r.allowed(res.inputs[r.property] as number),
                )
                .map((res) =>
                    ctx.finding(rule, res, {
                        message: `${r.property} ${res.inputs[r.property]} is refused: AWS accepts ${r.says}`,
                        awsError: r.awsError,
                        fix: `set ${r.property} to ${r.says}`,
                    }),
                ),
    );

export const rangeRules = ranges.map(rangeRule);
