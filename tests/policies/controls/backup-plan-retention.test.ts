import { patch, specControl } from "../../support/controls";
import { devPlan, plan, prodRules } from "../baselines/storage";

specControl("careplane-backup-plan-retention", {
    passes: [
        { it: "a yearly rule kept 7 years in prod", fixtures: [plan] },
        {
            it: "a copy kept 7 years counts",
            fixtures: patch([plan], "plan", {
                rules: [{ ...prodRules[0], copyActions: [{ destinationVaultArn: "arn:dr", lifecycle: { deleteAfter: 2557 } }] }],
            }),
        },
        { it: "30 days in dev", fixtures: [devPlan], environment: "dev" },
    ],
    fails: [
        {
            it: "a copy kept shorter than its rule",
            fixtures: patch([plan], "plan", {
                rules: [
                    ...prodRules.slice(0, 3),
                    { ...prodRules[3], copyActions: [{ destinationVaultArn: "arn:dr", lifecycle: { deleteAfter: 365 } }] },
                ],
            }),
            message:
                "rule yearly's copy to arn:dr is deleted after 365 days, before the 2557-day originals; expected each copy kept at least as long as its rule",
        },
        {
            it: "1 year at most in prod",
            fixtures: patch([plan], "plan", { rules: prodRules.slice(0, 3) }),
            message:
                "its longest-kept recovery points are deleted after 365 days; expected a rule (or copy) kept at least 2557 days in prod",
        },
        {
            it: "14 days in dev",
            fixtures: patch([devPlan], "plan", {
                rules: [{ ruleName: "daily", schedule: "cron(0 5 * * ? *)", lifecycle: { deleteAfter: 14 } }],
            }),
            environment: "dev",
            message: "at least 30 days in dev",
        },
    ],
});
