// AWS Backup's lifecycle rules, which the API model states only in prose.
import { list } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

interface Lifecycle {
    deleteAfter?: number;
    coldStorageAfter?: number;
}

export const backupLifecycle = stackRule(
    {
        id: "constraints/backup-lifecycle",
        family: "constraints",
        description:
            "Continuous backups are kept at most 35 days and never go to cold storage; cold storage lasts at least 90 days before deletion",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.backupPlan).flatMap((plan) =>
            list<any>(plan.inputs.rules).flatMap((r) => {
                const lifecycles: Array<[string, Lifecycle | undefined]> = [
                    [`rule ${r.ruleName}`, r.lifecycle],
                    ...list<any>(r.copyActions).map((c, i): [string, Lifecycle | undefined] => [
                        `rule ${r.ruleName}'s copy ${i + 1}`,
                        c.lifecycle,
                    ]),
                ];
                return lifecycles.flatMap(([what, l]) => {
                    const problems: string[] = [];
                    if (!l) return [];
                    if (r.enableContinuousBackup === true && what === `rule ${r.ruleName}`) {
                        if (typeof l.deleteAfter !== "number" || l.deleteAfter > 35)
                            problems.push(`continuous backups are kept 1 to 35 days, not ${l.deleteAfter ?? "forever"}`);
                        if (l.coldStorageAfter !== undefined) problems.push("continuous backups cannot move to cold storage");
                    }
                    if (
                        typeof l.coldStorageAfter === "number" &&
                        typeof l.deleteAfter === "number" &&
                        l.deleteAfter < l.coldStorageAfter + 90
                    )
                        problems.push(
                            `recovery points stay in cold storage at least 90 days: deleteAfter ${l.deleteAfter} < coldStorageAfter ${l.coldStorageAfter} + 90`,
                        );
                    return problems.map((p) =>
                        ctx.finding(rule, plan, {
                            message: `AWS Backup refuses ${what}: ${p}`,
                            awsError: "InvalidParameterValueException",
                            fix: "keep continuous backups 35 days or less in their own rule; delete cold-stored points no sooner than 90 days after they move",
                        }),
                    );
                });
            }),
        ),
);
