import { resourceControl } from "../lib/control";
import { PLAN, planRpoHours } from "../lib/backup";
import { rpoHours } from "../lib/minimums";

export const backupPlanFrequency = resourceControl({
    name: "careplane-backup-plan-frequency",
    description:
        "Every backup plan runs often enough for its environment's recovery point objective: hourly (or continuous) in prod for RPO 1 h, at least daily elsewhere.",
    hipaa: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [PLAN],
    check: (props, subject) => {
        const env = subject.environment;
        const rpo = planRpoHours(props.rules ?? []);
        if (rpo !== undefined && rpo <= rpoHours[env]) return undefined;
        return {
            problem: rpo === undefined ? "no rule has a readable schedule" : `its most frequent rule runs every ${rpo} hours`,
            expected: `a rule at least every ${rpoHours[env]} hour(s) (RPO ${rpoHours[env]} h in ${env}), or continuous backup`,
        };
    },
});
