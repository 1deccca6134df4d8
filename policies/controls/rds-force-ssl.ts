import { stackControl } from "../lib/control";
import { RDS_INSTANCE } from "../lib/rds";
import { ofType, referencedBy, Typed } from "../lib/stack";

const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";

function forcesSsl(group: Typed<typeof PARAMETER_GROUP>): boolean {
    return (group.props.parameters ?? []).some((p) => p.name === "rds.force_ssl" && String(p.value) === "1");
}

export const rdsForceSsl = stackControl({
    name: "careplane-rds-force-ssl",
    description:
        "Every PostgreSQL instance uses a parameter group from this stack that sets rds.force_ssl=1, so no client connects in clear text.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [RDS_INSTANCE, PARAMETER_GROUP],
    check: (resources, report) => {
        for (const db of ofType(resources, RDS_INSTANCE)) {
            if (!String(db.props.engine ?? "postgres").includes("postgres")) continue;
            const groups = ofType(referencedBy(db, "parameterGroupName"), PARAMETER_GROUP);
            if (groups.length === 0) {
                report(db, {
                    problem: `it uses parameter group ${JSON.stringify(db.props.parameterGroupName ?? "default")}, not one declared in this stack`,
                    expected: "parameterGroupName from an aws.rds.ParameterGroup with rds.force_ssl = 1",
                });
            } else if (!groups.every(forcesSsl)) {
                report(db, {
                    problem: `its parameter group ${groups[0].name} does not set rds.force_ssl = 1`,
                    expected: 'a parameter { name: "rds.force_ssl", value: "1" }',
                });
            }
        }
    },
});
