import { Finding, resourceControl } from "../lib/control";
import { REPLICATION_GROUP } from "../lib/elasticache";
import { highAvailability } from "../lib/minimums";

export const elasticacheFailover = resourceControl({
    name: "careplane-elasticache-failover",
    description: "Redis in staging and prod fails over automatically to a replica in another AZ.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [REPLICATION_GROUP],
    check: (props, subject) => {
        const env = subject.environment;
        if (!highAvailability[env]) return undefined;
        const problems: Finding[] = [];
        if (props.automaticFailoverEnabled !== true) {
            problems.push({ problem: "automatic failover is off", expected: `automaticFailoverEnabled: true in ${env}` });
        }
        if (props.multiAzEnabled !== true) problems.push({ problem: "Multi-AZ is off", expected: `multiAzEnabled: true in ${env}` });
        return problems;
    },
});
