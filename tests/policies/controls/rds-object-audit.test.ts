import { aws, Fixture, patch, res, specControl, without } from "../../support/controls";
import { PG, primaryInputs, RDS, replica } from "../baselines/data";

// Object auditing of PHI in PostgreSQL: roles managed from the stack, pgaudit.role set, every table granted to rds_pgaudit.
const PG_PROVIDER = "pulumi:providers:postgresql";
const auditedParams = aws(PG, "pg", {
    family: "postgres16",
    parameters: [
        { name: "rds.force_ssl", value: "1" },
        { name: "pgaudit.role", value: "rds_pgaudit" },
    ],
});
const auditedDb = aws(RDS, "db", primaryInputs, { parameterGroupName: auditedParams });
const roleProvider = res(PG_PROVIDER, "roles", { host: "db.address", database: "caresync", sslmode: "verify-full" }, { host: auditedDb });
const managed = (f: Fixture) => ({ ...f, provider: roleProvider.urn });
const appSchema = managed(res("postgresql:index/schema:Schema", "schema", { name: "app", owner: "migration_owner" }));
const auditAll = { role: "rds_pgaudit", schema: "app", objectType: "table", privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"] };
const auditNow = managed(res("postgresql:index/grant:Grant", "audit-tables", { ...auditAll, database: "caresync", objects: [] }));
const auditLater = managed(
    res("postgresql:index/defaultPrivileges:DefaultPrivileges", "audit-future-tables", {
        ...auditAll,
        database: "caresync",
        owner: "migration_owner",
    }),
);
const audited = [auditedParams, auditedDb, roleProvider, appSchema, auditNow, auditLater];
specControl("careplane-rds-object-audit", {
    passes: [
        { it: "roles managed, pgaudit.role set, tables audited now and later", fixtures: audited },
        { it: "a replica, which carries its primary's roles", fixtures: [...audited, replica] },
    ],
    fails: [
        {
            it: "a primary no PostgreSQL provider manages",
            fixtures: without(audited, "roles"),
            message: "db (aws:rds/instance:Instance): no PostgreSQL provider manages its roles",
        },
        {
            it: "pgaudit.role unset",
            fixtures: patch(audited, "pg", { parameters: [{ name: "rds.force_ssl", value: "1" }] }),
            message: "pg (aws:rds/parameterGroup:ParameterGroup): pgaudit.role is unset, so object auditing logs nothing",
        },
        {
            it: "existing tables not granted to rds_pgaudit",
            fixtures: without(audited, "audit-tables"),
            message: "schema (postgresql:index/schema:Schema): reads and writes of schema app's tables are not audited",
        },
        {
            it: "reads audited but not writes",
            fixtures: patch(audited, "audit-tables", { privileges: ["SELECT"] }),
            message: "reads and writes of schema app's tables are not audited",
        },
        {
            it: "tables created later not covered",
            fixtures: without(audited, "audit-future-tables"),
            message: "tables created later in schema app are not audited",
        },
        {
            it: "default privileges of a role that creates no tables there",
            fixtures: patch(audited, "audit-future-tables", { owner: "app_rw" }),
            message: "tables created later in schema app are not audited",
        },
    ],
});
