import { resourceControl } from "../lib/control";
import { RDS_INSTANCE } from "../lib/rds";

export const rdsNotPublic = resourceControl({
    name: "careplane-rds-not-public",
    description: "No RDS instance is publicly accessible; databases answer only inside the VPC's isolated data subnets.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-RDSInstancePublicAccess"],
    types: [RDS_INSTANCE],
    check: (props) =>
        props.publiclyAccessible === false
            ? undefined
            : {
                  problem:
                      props.publiclyAccessible === true
                          ? "it is publicly accessible"
                          : "publiclyAccessible is not set (AWS may assign a public address)",
                  expected: "publiclyAccessible: false",
              },
});
