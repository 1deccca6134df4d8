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
