import { aws, Fixture, patch, res, specControl, without } from "../support/controls";

const RDS = "aws:rds/instance:Instance";
const PG = "aws:rds/parameterGroup:ParameterGroup";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";

const primaryInputs = {
    engine: "postgres",
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/data",
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/data",
    publiclyAccessible: false,
    multiAz: true,
    backupRetentionPeriod: 35,
    enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    monitoringInterval: 60,
    monitoringRoleArn: "arn:aws:iam::123456789012:role/monitoring",
    iamDatabaseAuthenticationEnabled: true,
    autoMinorVersionUpgrade: true,
    deletionProtection: true,
    finalSnapshotIdentifier: "db-final",
    parameterGroupName: "caresync-prod-pg",
};
const params = aws(PG, "pg", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] });
const db = aws(RDS, "db", primaryInputs, { parameterGroupName: params });
const replica = aws(
    RDS,
    "db-replica-0",
    { ...primaryInputs, replicateSourceDb: "db-id", multiAz: false, backupRetentionPeriod: 0, finalSnapshotIdentifier: undefined },
    { parameterGroupName: params },
);
const dbs = [params, db];

specControl("careplane-rds-storage-encrypted", {
    passes: [{ it: "storage and Performance Insights under the data key", fixtures: dbs }],
    fails: [
        {
            it: "unencrypted storage",
            fixtures: patch(dbs, "db", { storageEncrypted: false }),
            message: "db (aws:rds/instance:Instance): storage is not encrypted",
        },
        {
            it: "encryption without a customer-managed key",
            fixtures: patch(dbs, "db", { kmsKeyId: undefined }),
            message: "storage has no customer-managed KMS key",
        },
        {
            it: "Performance Insights without a key",
            fixtures: patch(dbs, "db", { performanceInsightsKmsKeyId: undefined }),
            message: "Performance Insights data has no customer-managed KMS key",
        },
    ],
});

specControl("careplane-rds-not-public", {
    passes: [{ it: "a private instance", fixtures: dbs }],
    fails: [
        {
            it: "a public instance",
            fixtures: patch(dbs, "db", { publiclyAccessible: true }),
            message: "db (aws:rds/instance:Instance): it is publicly accessible; expected publiclyAccessible: false",
        },
        {
            it: "an instance that does not say",
            fixtures: patch(dbs, "db", { publiclyAccessible: undefined }),
            message: "publiclyAccessible is not set",
        },
    ],
});

specControl("careplane-rds-multi-az", {
    passes: [
        { it: "a Multi-AZ primary and a single-AZ replica in prod", fixtures: [...dbs, replica] },
        {
            it: "a single-AZ primary in dev",
            fixtures: [params, aws(RDS, "db", { ...primaryInputs, multiAz: false }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "a single-AZ primary in prod",
            fixtures: patch(dbs, "db", { multiAz: false }),
            message: "db (aws:rds/instance:Instance): the primary runs in a single AZ; expected multiAz: true in prod",
        },
        {
            it: "a single-AZ primary in staging",
            fixtures: [aws(RDS, "db", { ...primaryInputs, multiAz: undefined }, {}, "staging")],
            environment: "staging",
            message: "expected multiAz: true in staging",
        },
    ],
});

specControl("careplane-rds-backup-enabled", {
    passes: [
        { it: "a primary keeping 35 days and a replica keeping none", fixtures: [...dbs, replica] },
        {
            it: "a dev primary keeping 1 day",
            fixtures: [aws(RDS, "db", { ...primaryInputs, backupRetentionPeriod: 1 }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "backups off",
            fixtures: patch(dbs, "db", { backupRetentionPeriod: 0 }),
            message: "automated backups are kept 0 days; expected backupRetentionPeriod of at least 7 days in prod",
        },
        {
            it: "backups unset",
            fixtures: patch(dbs, "db", { backupRetentionPeriod: undefined }),
            message: "backupRetentionPeriod is not set",
        },
        { it: "3 days in prod", fixtures: patch(dbs, "db", { backupRetentionPeriod: 3 }), message: "automated backups are kept 3 days" },
    ],
});

specControl("careplane-rds-log-exports", {
    passes: [{ it: "postgresql and upgrade logs exported", fixtures: [...dbs, replica] }],
    fails: [
        {
            it: "no exports",
            fixtures: patch(dbs, "db", { enabledCloudwatchLogsExports: undefined }),
            message: "it does not export postgresql, upgrade logs",
        },
        {
            it: "the upgrade log missing",
            fixtures: patch(dbs, "db", { enabledCloudwatchLogsExports: ["postgresql"] }),
            message: "it does not export upgrade logs; expected enabledCloudwatchLogsExports including postgresql, upgrade for postgres",
        },
    ],
});

specControl("careplane-rds-enhanced-monitoring", {
    passes: [{ it: "60-second monitoring with a role", fixtures: [...dbs, replica] }],
    fails: [
        { it: "monitoring off", fixtures: patch(dbs, "db", { monitoringInterval: 0 }), message: "enhanced monitoring is off" },
        {
            it: "monitoring every 5 minutes is not an option; 120 s too coarse",
            fixtures: patch(dbs, "db", { monitoringInterval: 120 }),
            message: "monitoring interval is 120 s",
        },
        {
            it: "monitoring without a role",
            fixtures: patch(dbs, "db", { monitoringRoleArn: undefined }),
            message: "enhanced monitoring has no role",
        },
    ],
});

specControl("careplane-rds-iam-auth", {
    passes: [{ it: "IAM authentication on", fixtures: dbs }],
    fails: [
        {
            it: "IAM authentication off",
            fixtures: patch(dbs, "db", { iamDatabaseAuthenticationEnabled: false }),
            message: "IAM database authentication is off",
        },
    ],
});

specControl("careplane-rds-minor-version-upgrade", {
    passes: [{ it: "minor upgrades on", fixtures: dbs }],
    fails: [
        {
            it: "minor upgrades off",
            fixtures: patch(dbs, "db", { autoMinorVersionUpgrade: false }),
            message: "automatic minor version upgrades are not switched on",
        },
    ],
});

specControl("careplane-rds-force-ssl", {
    passes: [{ it: "primary and replica on a parameter group forcing SSL", fixtures: [...dbs, replica] }],
    fails: [
        {
            it: "a parameter group without rds.force_ssl",
            fixtures: patch(dbs, "pg", { parameters: [{ name: "log_connections", value: "1" }] }),
            message: "db (aws:rds/instance:Instance): its parameter group pg does not set rds.force_ssl = 1",
        },
        {
            it: "rds.force_ssl = 0",
            fixtures: patch(dbs, "pg", { parameters: [{ name: "rds.force_ssl", value: "0" }] }),
            message: "does not set rds.force_ssl = 1",
        },
        {
            it: "the default parameter group",
            fixtures: [aws(RDS, "db", { ...primaryInputs, parameterGroupName: "default.postgres16" })],
            message: 'it uses parameter group "default.postgres16", not one declared in this stack',
        },
    ],
});

const cacheInputs = {
    engine: "redis",
    atRestEncryptionEnabled: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/data",
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    authToken: "[secret]",
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    snapshotRetentionLimit: 15,
    finalSnapshotIdentifier: "cache-final",
};
const cache = [aws(RG, "cache", cacheInputs)];

specControl("careplane-elasticache-encryption", {
    passes: [{ it: "TLS required and at-rest encryption under the data key", fixtures: cache }],
    fails: [
        {
            it: "at-rest encryption off",
            fixtures: patch(cache, "cache", { atRestEncryptionEnabled: false }),
            message: "cache (aws:elasticache/replicationGroup:ReplicationGroup): data at rest is not encrypted",
        },
        {
            it: "no customer-managed key",
            fixtures: patch(cache, "cache", { kmsKeyId: undefined }),
            message: "it has no customer-managed KMS key",
        },
        {
            it: "TLS off",
            fixtures: patch(cache, "cache", { transitEncryptionEnabled: undefined }),
            message: "connections are not encrypted in transit",
        },
        {
            it: "TLS only preferred",
            fixtures: patch(cache, "cache", { transitEncryptionMode: "preferred" }),
            message: "clients may still connect without TLS",
        },
    ],
});

specControl("careplane-elasticache-auth", {
    passes: [
        { it: "an AUTH token", fixtures: cache },
        { it: "RBAC user groups", fixtures: patch(cache, "cache", { authToken: undefined, userGroupIds: ["app-users"] }) },
    ],
    fails: [
        {
            it: "no AUTH token and no user group",
            fixtures: patch(cache, "cache", { authToken: undefined }),
            message: "clients connect without authenticating",
        },
    ],
});

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

// RBAC: one user per client, each limited to its keys, the default user switched off.
const USER = "aws:elasticache/user:User";
const USER_GROUP = "aws:elasticache/userGroup:UserGroup";
const redisUser = (name: string, userName: string, accessString: string) =>
    aws(USER, name, { userId: `caresync-prod-redis-${name}`, userName, engine: "redis", accessString }, {}, "prod", "confidential");
const defaultUser = redisUser("default", "default", "off -@all");
const apiUser = redisUser("api", "api", "on ~api:* &api:* +@all -@dangerous -scan");
const exporterUser = redisUser("exporter", "redis-exporter", "on -@all +ping +info");
const rbacFixtures = (users: Fixture[]) => {
    const userGroup = aws(
        USER_GROUP,
        "users",
        { userGroupId: "caresync-prod-redis", engine: "redis", userIds: users.map((u) => u.inputs.userId) },
        { userIds: users },
    );
    const group = aws(
        RG,
        "cache",
        { ...cacheInputs, authToken: undefined, userGroupIds: ["caresync-prod-redis"] },
        { userGroupIds: userGroup },
    );
    delete group.inputs.authToken;
    return [...users, userGroup, group];
};
specControl("careplane-elasticache-rbac", {
    passes: [
        {
            it: "a user per client, each on its own keys, the exporter on none, the default user off",
            fixtures: rbacFixtures([defaultUser, apiUser, exporterUser]),
        },
        {
            it: "a broad user that is switched off",
            fixtures: rbacFixtures([defaultUser, apiUser, redisUser("legacy", "legacy", "off ~* +@all")]),
        },
    ],
    fails: [
        {
            it: "one shared AUTH token",
            fixtures: cache,
            message:
                "cache (aws:elasticache/replicationGroup:ReplicationGroup): clients authenticate with one AUTH token (or none), which has every right on every key",
        },
        {
            it: "a user group the stack does not declare",
            fixtures: patch(cache, "cache", { authToken: undefined, userGroupIds: ["someone-elses-users"] }),
            message: "it names a user group the stack does not declare",
        },
        {
            it: "the default user left on",
            fixtures: rbacFixtures([redisUser("default", "default", "on ~* +@all"), apiUser]),
            message: "cache (aws:elasticache/replicationGroup:ReplicationGroup): its `default` user is switched on",
        },
        {
            it: "no replacement default user",
            fixtures: rbacFixtures([apiUser]),
            message: "its user group has no replacement `default` user",
        },
        {
            it: "a client that may reach every key",
            fixtures: rbacFixtures([defaultUser, redisUser("api", "api", "on ~* +@all")]),
            message: "api (aws:elasticache/user:User): it may reach every key in the cache",
        },
        {
            it: "a client reaching every key through allkeys, switched back on after an off",
            fixtures: rbacFixtures([defaultUser, redisUser("api", "api", "off allkeys +@read on")]),
            message: "api (aws:elasticache/user:User): it may reach every key in the cache",
        },
    ],
});

specControl("careplane-elasticache-failover", {
    passes: [
        { it: "failover and Multi-AZ in prod", fixtures: cache },
        {
            it: "a single node in dev",
            fixtures: [aws(RG, "cache", { ...cacheInputs, automaticFailoverEnabled: false, multiAzEnabled: false }, {}, "dev")],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "no automatic failover in prod",
            fixtures: patch(cache, "cache", { automaticFailoverEnabled: false }),
            message: "automatic failover is off; expected automaticFailoverEnabled: true in prod",
        },
        {
            it: "no Multi-AZ in staging",
            fixtures: [aws(RG, "cache", { ...cacheInputs, multiAzEnabled: undefined }, {}, "staging")],
            environment: "staging",
            message: "Multi-AZ is off; expected multiAzEnabled: true in staging",
        },
    ],
});

specControl("careplane-elasticache-snapshot-retention", {
    passes: [
        { it: "15 days in prod", fixtures: cache },
        { it: "1 day in dev", fixtures: [aws(RG, "cache", { ...cacheInputs, snapshotRetentionLimit: 1 }, {}, "dev")], environment: "dev" },
    ],
    fails: [
        {
            it: "14 days in prod",
            fixtures: patch(cache, "cache", { snapshotRetentionLimit: 14 }),
            message: "snapshots are kept 14 days; expected snapshotRetentionLimit of at least 15 days in prod",
        },
        {
            it: "snapshots off",
            fixtures: patch(cache, "cache", { snapshotRetentionLimit: undefined }),
            message: "automatic snapshots are off",
        },
        {
            it: "a standalone Redis cluster without snapshots",
            fixtures: [aws("aws:elasticache/cluster:Cluster", "node", { engine: "redis" })],
            message: "node (aws:elasticache/cluster:Cluster): automatic snapshots are off",
        },
    ],
});
