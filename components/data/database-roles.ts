import * as aws from "@pulumi/aws";
import * as postgresql from "@pulumi/postgresql";
import * as pulumi from "@pulumi/pulumi";
import { RDS_CA_BUNDLE_PATH } from "./rds-ca";

/** The entry of the monitoring login, which only postgres_exporter reads. */
export const MONITORING_LOGIN_ENTRY = "database-monitoring";
/** The entry of the migration login: whoever runs the schema migrations (a Job, a CI step) reads it. */
export const MIGRATION_LOGIN_ENTRY = "database-migration";

/** Roles that hold privileges and log nobody in; logins are their members. */
export const groupRoles = {
    /** Read-write on the application schema: every service's login is a member. */
    appReadWrite: "app_rw",
    /** Read-only on the application schema [001]: analysts are members. */
    analyticsReadOnly: "analytics_ro",
    /**
     * pgaudit's object-audit role (`pgaudit.role`; RDS allows only this name): every SELECT, INSERT,
     * UPDATE and DELETE on a table it holds that privilege on is logged, whoever runs it (AWS RDS user
     * guide, "Using pgAudit to log database activity", "Auditing database objects").
     */
    audit: "rds_pgaudit",
} as const;

/** A login a program uses, with a generated password in its own Secrets Manager entry. */
export interface PasswordLogin {
    login: string;
    secretEntry: string;
    /** Roles granted to it: its privileges. */
    memberOf: string[];
    /** How its password rotates (rotation/spec.ts PostgresRotation): single-user only where a clone would break ownership. */
    rotation: "alternating-users" | "single-user";
}

/** A person's login: IAM database authentication only (`rds_iam`), no password anywhere. */
export interface PersonLogin {
    login: "dba" | "analyst";
    memberOf: string[];
    /** Which IAM role may connect as it (`rds-db:connect`). */
    assumedThrough: "operator" | "analytics";
}

/**
 * The migration owner owns the application schema; tables it creates later are what the default privileges
 * below cover. It changes its own password when it rotates: a clone would own the tables it created.
 */
export const migrationLogin: PasswordLogin = {
    login: "migration_owner",
    secretEntry: MIGRATION_LOGIN_ENTRY,
    memberOf: [],
    rotation: "single-user",
};

/** postgres_exporter scrapes every instance: statistics and settings (pg_monitor), no table. EKS stacks only. */
export const monitoringLogin: PasswordLogin = {
    login: "monitoring",
    secretEntry: MONITORING_LOGIN_ENTRY,
    memberOf: ["pg_monitor"],
    rotation: "alternating-users",
};

/**
 * One login per service that reads the `database` entry, member of app_rw: the connection log and the
 * pgaudit records name the service, and one service's credential is not every service's.
 */
export function serviceLogin(service: string, secretEntry: string): PasswordLogin {
    return { login: `svc_${service.replace(/-/g, "_")}`, secretEntry, memberOf: [groupRoles.appReadWrite], rotation: "alternating-users" };
}

/** People: a DBA (read-write on the data, statistics) through the operator role, an analyst (read-only) through the analytics role. */
export const personLogins: PersonLogin[] = [
    { login: "dba", memberOf: ["rds_iam", groupRoles.appReadWrite, "pg_monitor"], assumedThrough: "operator" },
    { login: "analyst", memberOf: ["rds_iam", groupRoles.analyticsReadOnly], assumedThrough: "analytics" },
];

const READ_WRITE = ["SELECT", "INSERT", "UPDATE", "DELETE"];
const SEQUENCE_USE = ["USAGE", "SELECT", "UPDATE"];
/** What pgaudit's object auditing can log on a table: reads and writes (TRUNCATE is not an object-audit class). */
const AUDITED = ["SELECT", "INSERT", "UPDATE", "DELETE"];

export interface DatabaseRolesArgs {
    /** The instance the provider connects to: its address, its RDS-managed master secret, and a dependency. */
    instance: aws.rds.Instance;
    masterSecretArn: pulumi.Input<string>;
    port: number;
    databaseName: string;
    /** The application's schema: owned by the migration login, audited, read-write for app_rw, read-only for analytics_ro. */
    schema: string;
    /** Logins with passwords, and each password (generated, kept in the login's entry). */
    logins: Array<{ login: PasswordLogin; password: pulumi.Input<string> }>;
    /** People's logins on this database (IAM authentication). */
    people: PersonLogin[];
    /**
     * Resources the deploy runner's path to the database needs first (the security group that admits it
     * on 5432): the provider waits for them, so it never dials before it may connect.
     */
    reachableThrough: pulumi.Resource[];
}

/**
 * The roles inside one PostgreSQL database, created by @pulumi/postgresql as the RDS master user from
 * where CI runs (the in-VPC runner), over TLS verified against the RDS CA (verify-full): group roles
 * holding the privileges, password logins for programs, IAM logins for people, the pgaudit and
 * pg_stat_statements extensions, and object auditing of every table in the application schema.
 */
export class DatabaseRoles extends pulumi.ComponentResource {
    /** Each password login's role, by login name: its entry's rotation waits for it. */
    readonly loginRoles: Record<string, postgresql.Role>;

    constructor(name: string, args: DatabaseRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:database:Roles", name, {}, opts);
        // Read at deployment time: the master password rotates, so its current value is in the secret only. A
        // preview reads no secret (the preview role may not) and connects nowhere: the password stays unknown.
        const password = pulumi.runtime.isDryRun()
            ? pulumi.output<string>(pulumi.unknown as unknown as string)
            : aws.secretsmanager
                  .getSecretVersionOutput({ secretId: args.masterSecretArn }, { parent: this })
                  .secretString.apply((s) => JSON.parse(s).password as string);
        const provider = new postgresql.Provider(
            name,
            {
                host: args.instance.address,
                port: args.port,
                database: args.databaseName,
                username: args.instance.username,
                password: pulumi.secret(password),
                sslmode: "verify-full",
                sslrootcert: RDS_CA_BUNDLE_PATH,
                superuser: false,
                connectTimeout: 15,
            },
            { parent: this, dependsOn: [args.instance, ...args.reachableThrough] },
        );
        const withProvider = { parent: this, provider };
        const database = args.databaseName;

        for (const extension of ["pgaudit", "pg_stat_statements"]) {
            new postgresql.Extension(`${name}-${extension}`, { name: extension, database }, withProvider);
        }

        const groups = new Set([
            groupRoles.audit,
            ...args.logins.flatMap((l) => l.login.memberOf),
            ...args.people.flatMap((p) => p.memberOf),
        ]);
        const groupRole = Object.fromEntries(
            [...groups]
                .filter((g) => (Object.values(groupRoles) as string[]).includes(g))
                .map((g) => [g, new postgresql.Role(`${name}-${g.replace(/_/g, "-")}`, { name: g, login: false }, withProvider)]),
        );
        const memberships = (memberOf: string[]) => ({ dependsOn: memberOf.filter((g) => groupRole[g]).map((g) => groupRole[g]) });

        const logins = Object.fromEntries(
            args.logins.map(({ login, password }) => [
                login.login,
                new postgresql.Role(
                    `${name}-${login.login.replace(/_/g, "-")}`,
                    {
                        name: login.login,
                        login: true,
                        password: pulumi.secret(password),
                        searchPaths: [args.schema],
                        roles: login.memberOf,
                    },
                    // The password is set once, at creation; Secrets Manager's rotation owns it from then on, and the
                    // provider must not set the generated one back (it cannot read a password to see that it changed).
                    { ...withProvider, ...memberships(login.memberOf), ignoreChanges: ["password"] },
                ),
            ]),
        );
        this.loginRoles = logins;
        for (const person of args.people) {
            // rds_iam: the login authenticates with an IAM token only; RDS refuses a password for it.
            new postgresql.Role(
                `${name}-${person.login}`,
                { name: person.login, login: true, searchPaths: [args.schema], roles: person.memberOf },
                { ...withProvider, ...memberships(person.memberOf) },
            );
        }

        const owner = logins[migrationLogin.login];
        if (!owner) throw new Error(`${name}: the migration login owns the schema and must be among the logins`);
        const schema = new postgresql.Schema(`${name}-schema`, { name: args.schema, database, owner: owner.name }, withProvider);

        /** Privileges on the schema's tables now, and on every table the migration login creates later. */
        const tables = (role: postgresql.Role, label: string, privileges: string[], sequences?: string[]) => {
            const onSchema = { ...withProvider, dependsOn: [schema, role] };
            const common = { database, role: role.name, schema: args.schema };
            new postgresql.Grant(`${name}-${label}-tables`, { ...common, objectType: "table", objects: [], privileges }, onSchema);
            new postgresql.DefaultPrivileges(
                `${name}-${label}-future-tables`,
                { ...common, owner: owner.name, objectType: "table", privileges },
                onSchema,
            );
            if (sequences) {
                new postgresql.DefaultPrivileges(
                    `${name}-${label}-future-sequences`,
                    { ...common, owner: owner.name, objectType: "sequence", privileges: sequences },
                    onSchema,
                );
            }
        };
        const usage = (role: postgresql.Role, label: string) =>
            new postgresql.Grant(
                `${name}-${label}-schema`,
                { database, role: role.name, schema: args.schema, objectType: "schema", privileges: ["USAGE"] },
                { ...withProvider, dependsOn: [schema, role] },
            );

        const appRw = groupRole[groupRoles.appReadWrite];
        if (appRw) {
            usage(appRw, "app");
            tables(appRw, "app", READ_WRITE, SEQUENCE_USE);
        }
        const analyticsRo = groupRole[groupRoles.analyticsReadOnly];
        if (analyticsRo) {
            usage(analyticsRo, "analytics");
            tables(analyticsRo, "analytics", ["SELECT"]);
        }
        // Object auditing: rds_pgaudit holds every auditable privilege on every table of the PHI schema,
        // present and future, so every read and write of PHI is logged; it logs in nowhere and is granted to no one.
        tables(groupRole[groupRoles.audit], "audit", AUDITED);
        this.registerOutputs({});
    }
}
