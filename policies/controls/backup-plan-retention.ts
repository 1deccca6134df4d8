import { resourceControl } from "../lib/control";
import { PLAN, ruleRetentionDays } from "../lib/backup";
import { backupRetentionDays } from "../lib/minimums";

export const backupPlanRetention = resourceControl({
    name: "careplane-backup-plan-retention",
    description:
        "Every backup plan keeps its longest-lived recovery points at least the environment's retention (30 days in dev, 90 in test and staging, 7 years in prod), and every copy keeps its points at least as long as its rule keeps the originals.",
    hipaa: ["164.308(a)(7)(ii)(A)", "164.316(b)(2)(i)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [PLAN],
    check: (props, subject) => {
        const env = subject.environment;
        const minimum = backupRetentionDays[env];
        const rules: any[] = props.rules ?? [];
        for (const rule of rules) {
            const own = rule.lifecycle?.deleteAfter ?? Infinity;
            const short = (rule.copyActions ?? []).find((c: any) => (c.lifecycle?.deleteAfter ?? Infinity) < own);
            if (short)
                return {
                    problem: `rule ${rule.ruleName}'s copy to ${short.destinationVaultArn} is deleted after ${short.lifecycle.deleteAfter} days, before the ${own === Infinity ? "never-deleted" : own + "-day"} originals`,
                    expected: "each copy kept at least as long as its rule",
                };
        }
        const longest = Math.max(0, ...rules.map(ruleRetentionDays));
        if (longest >= minimum) return undefined;
        return {
            problem: rules.length === 0 ? "it has no rules" : `its longest-kept recovery points are deleted after ${longest} days`,
            expected: `a rule (or copy) kept at least ${minimum} days in ${env}`,
        };
    },
});
