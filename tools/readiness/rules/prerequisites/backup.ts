// What AWS Backup requires of a plan's rules against the vaults they write into.
import { PlannedResource } from "../../../engine/plan";
import { list, ReadinessContext, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

function lockOf(ctx: ReadinessContext, vault: PlannedResource): PlannedResource | undefined {
    return ctx.ofType(T.vaultLock).find((l) => ctx.referenced(l, "backupVaultName", T.vault) === vault);
}

export const lifecycleWithinVaultLock = stackRule(
    {
        id: "prerequisites/backup-retention-within-vault-lock",
        family: "prerequisites",
        description: "Every backup and copy a plan writes into a locked vault is kept between the lock's minimum and maximum retention",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.backupPlan).flatMap((plan) =>
            list<any>(plan.inputs.rules).flatMap((r) => {
                const writes = [
                    { vault: ctx.resolve(plan, r.targetVaultName, T.vault), days: r.lifecycle?.deleteAfter, what: `rule ${r.ruleName}` },
                    ...list<any>(r.copyActions).map((c) => ({
                        vault: ctx.resolve(plan, c.destinationVaultArn, T.vault),
                        days: c.lifecycle?.deleteAfter,
                        what: `rule ${r.ruleName}'s copy`,
                    })),
                ];
                return writes.flatMap(({ vault, days, what }) => {
                    const lock = vault ? lockOf(ctx, vault) : undefined;
                    if (!lock || typeof days !== "number") return [];
                    const { minRetentionDays: min, maxRetentionDays: max } = lock.inputs as Record<string, number | undefined>;
                    if ((min === undefined || days >= min) && (max === undefined || days <= max)) return [];
                    return [
                        ctx.finding(rule, plan, {
                            message: `${what} keeps recovery points ${days} days in ${str(vault!.inputs.name) ?? vault!.name}, whose lock allows ${min ?? 1} to ${max ?? "any"} days: every job of that rule fails`,
                            awsError: "InvalidParameterValueException",
                            fix: "keep the rule's retention within the vault lock's range, or change the lock before its grace time ends",
                        }),
                    ];
                });
            }),
        ),
);

/** AWS Backup's supported resource types, as the plan's types name them. */
const BACKED_UP = [
    T.rds,
    T.bucket,
    T.efs,
    "aws:dynamodb/table:Table",
    "aws:ec2/instance:Instance",
    "aws:ebs/volume:Volume",
    "aws:rds/cluster:Cluster",
    "aws:fsx/lustreFileSystem:LustreFileSystem",
];

/** Whether a resource's tags satisfy a selection's conditions (all of stringEquals, none of stringNotEquals). */
function selects(selection: PlannedResource, r: PlannedResource): boolean {
    const tags = (r.inputs.tags ?? {}) as Record<string, string>;
    const tag = (key: string) => tags[key.replace(/^aws:ResourceTag\//, "")];
    return list<any>(selection.inputs.conditions).some(
        (c) =>
            list<any>(c.stringEquals).every((e) => tag(e.key) === e.value) &&
            list<any>(c.stringNotEquals).every((e) => tag(e.key) !== e.value) &&
            list<any>(c.stringEquals).length > 0,
    );
}

export const selectionsBackUpWhatTheyTag = stackRule(
    {
        id: "prerequisites/backup-selection-supported",
        family: "prerequisites",
        description:
            "What a backup selection's tags pick out is something AWS Backup backs up (not ElastiCache), and an RDS instance under continuous backup leaves its retention to AWS Backup",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.backupSelection).flatMap((selection) => {
            const plan = ctx.referenced(selection, "planId", T.backupPlan);
            const continuousDays = list<any>(plan?.inputs.rules).find((r) => r.enableContinuousBackup === true)?.lifecycle?.deleteAfter;
            return ctx.index.resources
                .filter((r) => r.type.startsWith("aws:") && (r.inputs.tags as any)?.Backup !== undefined && selects(selection, r))
                .flatMap((r) => {
                    if (!BACKED_UP.includes(r.type))
                        return [
                            ctx.finding(rule, r, {
                                severity: "warning",
                                message: `${selection.name} selects ${r.name} by its tags, but AWS Backup does not back up ${r.type.split(":").pop()}: no recovery point will ever exist for it`,
                                fix: "drop the Backup tag, and back it up the way it can be (ElastiCache snapshots exported to S3)",
                            }),
                        ];
                    // Equal figures are the one stable state: AWS Backup sets the instance's retention to its rule's.
                    if (
                        r.type === T.rds &&
                        continuousDays !== undefined &&
                        typeof r.inputs.backupRetentionPeriod === "number" &&
                        r.inputs.backupRetentionPeriod !== continuousDays
                    )
                        return [
                            ctx.finding(rule, r, {
                                severity: "warning",
                                message: `continuous backup in AWS Backup takes over ${r.name}'s automated backups and sets their retention to its rule's; backupRetentionPeriod ${r.inputs.backupRetentionPeriod}, not the rule's ${continuousDays}, shows as a diff on every refresh`,
                                fix: "set the instance's backupRetentionPeriod to the continuous rule's deleteAfter, ignore changes to it, or keep automated backups out of AWS Backup",
                            }),
                        ];
                    return [];
                });
        }),
);

/** Restore-tested types whose restore AWS Backup places in a VPC: RDS instances and the RDS-family clusters. */
const RESTORED_INTO_VPC = new Set(["RDS", "Aurora", "DocumentDB", "Neptune"]);

/** A restore-metadata override's value as a list (vpcSecurityGroupIds is a JSON array in a string). */
function jsonList(value: unknown): unknown[] | undefined {
    if (typeof value !== "string") return undefined;
    try {
        const parsed = JSON.parse(value);
        return Array.isArray(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

export const restoreTestsInStackNetwork = stackRule(
    {
        id: "prerequisites/backup-restore-test-network",
        family: "prerequisites",
        description:
            "A restore test of a database names the stack's own DB subnet group and security groups (restoreMetadataOverrides dbSubnetGroupName, vpcSecurityGroupIds), never AWS Backup's inferred default VPC",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.restoreTestingSelection).flatMap((selection) => {
            const type = str(selection.inputs.protectedResourceType) ?? "";
            if (!RESTORED_INTO_VPC.has(type)) return [];
            const overrides = (selection.inputs.restoreMetadataOverrides ?? {}) as Record<string, unknown>;
            const groups = jsonList(overrides.vpcSecurityGroupIds);
            const problems = [
                ctx.resolve(selection, overrides.dbSubnetGroupName, T.dbSubnetGroup)
                    ? undefined
                    : "no dbSubnetGroupName of a DB subnet group the stack creates",
                groups && groups.length > 0 && groups.every((g) => ctx.resolve(selection, g, T.securityGroup))
                    ? undefined
                    : "no vpcSecurityGroupIds (a JSON list) of security groups the stack creates",
            ].filter(Boolean);
            if (problems.length === 0) return [];
            return [
                ctx.finding(rule, selection, {
                    message: `the weekly ${type} restore test has ${problems.join(" and ")}: AWS Backup then restores into the default VPC, which a fresh or hardened account lacks (the job fails), and elsewhere puts a copy of PHI in the default VPC and security group`,
                    awsError: "a FAILED restore job (no default VPC or subnet)",
                    fix: "set restoreMetadataOverrides: { dbSubnetGroupName: <the database's subnet group>, vpcSecurityGroupIds: JSON.stringify([<a group that admits nothing>]) }",
                }),
            ];
        }),
);
