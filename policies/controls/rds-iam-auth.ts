import { resourceControl } from "../lib/control";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";

export const rdsIamAuth = resourceControl({
    name: "careplane-rds-iam-auth",
    description: "Databases accept IAM authentication, so people and services log in with short-lived tokens tied to their identity.",
    hipaa: ["164.312(a)(1)", "164.312(a)(2)(i)", "164.312(d)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [RDS_INSTANCE, RDS_CLUSTER],
    check: (props) =>
        props.iamDatabaseAuthenticationEnabled === true
            ? undefined
            : { problem: "IAM database authentication is off", expected: "iamDatabaseAuthenticationEnabled: true" },
});
