import * as aws from "@pulumi/aws";
import * as postgresql from "@pulumi/postgresql";
import * as pulumi from "@pulumi/pulumi";

/** A PostgreSQL login role careplane manages, and the Secrets Manager entry holding its credentials. */
export interface DatabaseRole {
    name: "app" | "analytics" | "migration" | "monitoring";
    login: string;
    secretEntry: string;
    /** Read-only roles connect to a replica when there is one. */
    readOnly: boolean;
    /** Predefined roles the login is a member of: with no schema grants, all it may do. */
    memberOf?: string[];
    /** The platform whose stacks alone get the login, where its only client runs there. */
    platform?: "eks";
}

/** The entry of the monitoring login, which only postgres_exporter reads. */
export const MONITORING_LOGIN_ENTRY = "database-monitoring";

export const databaseRoles: DatabaseRole[] = [
    { name: "app", login: "app_rw", secretEntry: "database", readOnly: false },
    { name: "analytics", login: "analytics_ro", secretEntry: "database-analytics", readOnly: true },
    { name: "migration", login: "migration_owner", secretEntry: "database-migration", readOnly: false },
    // postgres_exporter scrapes every instance (primary, replicas, analytics): statistics and settings (pg_monitor), no table.
    {
        name: "monitoring",
        login: "monitoring",
        secretEntry: MONITORING_LOGIN_ENTRY,
        readOnly: false,
        memberOf: ["pg_monitor"],
        platform: "eks",
    },
];

/** The logins of a stack on this compute platform. */
export function databaseRolesOn(platform: string): DatabaseRole[] {
    return databaseRoles.filter((role) => role.platform === undefined || role.platform === platform);
}

const READ_WRITE = ["SELECT", "INSERT", "UPDATE", "DELETE"];
const SEQUENCE_USE = ["USAGE", "SELECT", "UPDATE"];

export interface DatabaseRolesArgs {
    /** Where the provider connects: the primary's address from inside the VPC, or a tunnel. */
    host: pulumi.Input<string>;
    port: number;
    databaseName: string;
    /** The application's schema: owned by the migration role, read-write for the app, read-only for analytics. */
    schema: string;
    masterUsername: pulumi.Input<string>;
    /** The RDS-managed master secret; its current password is read at deployment time. */
    masterSecretArn: pulumi.Input<string>;
    /** A password per login the stack has (databaseRolesOn its platform). */
    passwords: Partial<Record<DatabaseRole["name"], pulumi.Input<string>>>;
    /**
     * Whether this database gets the read-only analytics login. With a separate analytics database
     * it lives there alone, so the analytics credential cannot read the primary or its replicas.
     */
    analyticsLogin: boolean;
}

/**
 * Roles inside PostgreSQL: a migration owner (owns the schema), an application role (read-write on
 * it), a read-only analytics role [001] and, on EKS, a monitoring role (pg_monitor only), plus the pgaudit and
 * pg_stat_statements extensions.
 */
export class DatabaseRoles extends pulumi.ComponentResource {
    constructor(name: string, args: DatabaseRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:database:Roles", name, {}, opts);
        const master = aws.secretsmanager.getSecretVersionOutput({ secretId: args.masterSecretArn }, { parent: this });
        const provider = new postgresql.Provider(
            name,
            {
                host: args.host,
                port: args.port,
                database: args.databaseName,
                username: args.masterUsername,
                password: pulumi.secret(master.secretString.apply((s) => JSON.parse(s).password as string)),
                sslmode: "require",
                superuser: false,
                connectTimeout: 15,
            },
            { parent: this },
        );
        const withProvider = { parent: this, provider };
        const database = args.databaseName;

        for (const extension of ["pgaudit", "pg_stat_statements"]) {
            new postgresql.Extension(`${name}-${extension}`, { name: extension, database }, withProvider);
        }
        // pgaudit's object auditing logs access to the tables granted to this role.
        new postgresql.Role(`${name}-rds-pgaudit`, { name: "rds_pgaudit", login: false }, withProvider);

        const logins = databaseRoles.filter(
            (role) => args.passwords[role.name] !== undefined && (args.analyticsLogin || role.name !== "analytics"),
        );
        const roles = Object.fromEntries(
            logins.map((role) => [
                role.name,
                new postgresql.Role(
                    `${name}-${role.name}`,
                    {
                        name: role.login,
                        login: true,
                        password: pulumi.secret(args.passwords[role.name]!),
                        searchPaths: [args.schema],
                        roles: role.memberOf,
                    },
                    withProvider,
                ),
            ]),
        ) as Partial<Record<DatabaseRole["name"], postgresql.Role>>;
        const owner = roles.migration!.name;

        const schema = new postgresql.Schema(`${name}-schema`, { name: args.schema, database, owner }, withProvider);
        const grants: Array<[DatabaseRole["name"], string[], string[]]> = [
            ["app", READ_WRITE, SEQUENCE_USE],
            ["analytics", ["SELECT"], ["SELECT"]],
        ];
        for (const [roleName, tablePrivileges, sequencePrivileges] of grants) {
            const login = roles[roleName];
            if (!login) continue;
            const role = login.name;
            const onSchema = { ...withProvider, dependsOn: [schema] };
            new postgresql.Grant(
                `${name}-${roleName}-schema`,
                { database, role, schema: args.schema, objectType: "schema", privileges: ["USAGE"] },
                onSchema,
            );
            new postgresql.Grant(
                `${name}-${roleName}-tables`,
                { database, role, schema: args.schema, objectType: "table", objects: [], privileges: tablePrivileges },
                onSchema,
            );
            // Tables the migration role creates later get the same grants.
            new postgresql.DefaultPrivileges(
                `${name}-${roleName}-future-tables`,
                { database, role, owner, schema: args.schema, objectType: "table", privileges: tablePrivileges },
                onSchema,
            );
            new postgresql.DefaultPrivileges(
                `${name}-${roleName}-future-sequences`,
                {
                    database,
                    role,
                    owner,
                    schema: args.schema,
                    objectType: "sequence",
                    privileges: sequencePrivileges,
                },
                onSchema,
            );
        }
        this.registerOutputs({});
    }
}
