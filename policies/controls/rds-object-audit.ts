import { stackControl } from "../lib/control";
import { isReplica, RDS_INSTANCE } from "../lib/rds";
import { ofType, referencedBy, StackResource, Typed } from "../lib/stack";

const PROVIDER = "pulumi:providers:postgresql";
const SCHEMA = "postgresql:index/schema:Schema";
const GRANT = "postgresql:index/grant:Grant";
const DEFAULT_PRIVILEGES = "postgresql:index/defaultPrivileges:DefaultPrivileges";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";

/** pgaudit's object-audit role on RDS: the only value `pgaudit.role` takes (RDS user guide, "Using pgAudit to log database activity"). */
const AUDIT_ROLE = "rds_pgaudit";
/** What object auditing can log on a table. */
const AUDITED = ["SELECT", "INSERT", "UPDATE", "DELETE"];

const auditsEverything = (r: Typed<typeof GRANT | typeof DEFAULT_PRIVILEGES>, schema: string | undefined) =>
    r.props.role === AUDIT_ROLE &&
    r.props.objectType === "table" &&
    r.props.schema === schema &&
    AUDITED.every((p) => (r.props.privileges ?? []).includes(p));

/** The resources a PostgreSQL provider manages. */
const managedBy = (resources: StackResource[], provider: StackResource) => resources.filter((r) => r.provider?.urn === provider.urn);

export const rdsObjectAudit = stackControl({
    name: "careplane-rds-object-audit",
    description:
        "Every read and write of PHI in PostgreSQL is recorded: each RDS primary's roles are managed by the stack (a PostgreSQL provider built from the instance), its parameter group names pgaudit's object-audit role rds_pgaudit, and every application schema grants rds_pgaudit SELECT, INSERT, UPDATE and DELETE on its tables now and, through default privileges of the schema's owner, on every table created later.",
    hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [RDS_INSTANCE, PARAMETER_GROUP, PROVIDER, SCHEMA, GRANT, DEFAULT_PRIVILEGES],
    check: (resources, report) => {
        const providers = ofType(resources, PROVIDER);
        for (const instance of ofType(resources, RDS_INSTANCE)) {
            if (isReplica(instance.props) || (instance.props.engine && instance.props.engine !== "postgres")) continue;
            if (!providers.some((p) => referencedBy(p, "host").some((d) => d.urn === instance.urn))) {
                report(instance, {
                    problem: "no PostgreSQL provider manages its roles, so no login, grant or object audit exists inside it",
                    expected: "a @pulumi/postgresql Provider whose host is this instance's address",
                });
            }
            for (const group of ofType(referencedBy(instance, "parameterGroupName"), PARAMETER_GROUP)) {
                const role = (group.props.parameters ?? []).find((p) => p.name === "pgaudit.role")?.value;
                if (role !== AUDIT_ROLE) {
                    report(group, {
                        problem: `pgaudit.role is ${role ?? "unset"}, so object auditing logs nothing`,
                        expected: `pgaudit.role = ${AUDIT_ROLE}`,
                    });
                }
            }
        }
        for (const provider of providers) {
            const managed = managedBy(resources, provider);
            for (const schema of ofType(managed, SCHEMA)) {
                const name = schema.props.name;
                const now = ofType(managed, GRANT).some((r) => auditsEverything(r, name) && (r.props.objects ?? []).length === 0);
                const later = ofType(managed, DEFAULT_PRIVILEGES).some(
                    (r) => auditsEverything(r, name) && r.props.owner === schema.props.owner,
                );
                if (now && later) continue;
                report(schema, {
                    problem: !now
                        ? `reads and writes of schema ${name}'s tables are not audited (no grant of them to ${AUDIT_ROLE})`
                        : `tables created later in schema ${name} are not audited (no default privileges of its owner for ${AUDIT_ROLE})`,
                    expected: `${AUDIT_ROLE} granted ${AUDITED.join(", ")} on all of the schema's tables, and the same default privileges for tables its owner creates`,
                });
            }
        }
    },
});
