import { patch, specControl } from "../../support/controls";
import { devPlan, plan, prodRules } from "../baselines/storage";

specControl("careplane-backup-plan-frequency", {
    passes: [
        { it: "an hourly rule in prod", fixtures: [plan] },
        {
            it: "continuous backup in prod",
            fixtures: patch([plan], "plan", { rules: [{ ...prodRules[1], enableContinuousBackup: true }, prodRules[3]] }),
        },
        { it: "a daily rule in dev", fixtures: [devPlan], environment: "dev" },
    ],
    fails: [
        {
            it: "daily only in prod",
            fixtures: patch([plan], "plan", { rules: prodRules.slice(1) }),
            message:
                "plan (aws:backup/plan:Plan): its most frequent rule runs every 24 hours; expected a rule at least every 1 hour(s) (RPO 1 h in prod)",
        },
        {
            it: "every 4 hours in prod",
            fixtures: patch([plan], "plan", { rules: [{ ...prodRules[0], schedule: "cron(0 */4 * * ? *)" }, prodRules[3]] }),
            message: "runs every 4 hours",
        },
        {
            it: "weekly in dev",
            fixtures: patch([devPlan], "plan", {
                rules: [{ ruleName: "weekly", schedule: "cron(0 5 ? * SUN *)", lifecycle: { deleteAfter: 35 } }],
            }),
            environment: "dev",
            message: "runs every 168 hours",
        },
    ],
});
