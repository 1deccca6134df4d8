import { resourceControl } from "../lib/control";
import { RDS_INSTANCE } from "../lib/rds";

export const rdsMinorVersionUpgrade = resourceControl({
    name: "careplane-rds-minor-version-upgrade",
    description: "RDS instances take minor engine versions (security patches) automatically in their maintenance window.",
    hipaa: ["164.308(a)(5)(ii)(A)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSAutomaticMinorVersionUpgradeEnabled"],
    types: [RDS_INSTANCE],
    check: (props) =>
        props.autoMinorVersionUpgrade === true
            ? undefined
            : { problem: "automatic minor version upgrades are not switched on", expected: "autoMinorVersionUpgrade: true" },
});
