import { resourceControl } from "../lib/control";
import { highAvailability } from "../lib/minimums";
import { isReplica, RDS_INSTANCE } from "../lib/rds";

export const rdsMultiAz = resourceControl({
    name: "careplane-rds-multi-az",
    description: "Primary RDS instances in staging and prod run Multi-AZ, so an AZ failure costs minutes, not the RTO.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSMultiAZSupport"],
    types: [RDS_INSTANCE],
    check: (props, subject) => {
        const env = subject.environment;
        if (!highAvailability[env] || isReplica(props) || props.multiAz === true) return undefined;
        return { problem: "the primary runs in a single AZ", expected: `multiAz: true in ${env}` };
    },
});
