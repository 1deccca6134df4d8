import { aws } from "../../support/controls";

export const RDS = "aws:rds/instance:Instance";
export const PG = "aws:rds/parameterGroup:ParameterGroup";
export const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
export const primaryInputs = {
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
export const params = aws(PG, "pg", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] });
export const db = aws(RDS, "db", primaryInputs, { parameterGroupName: params });
export const replica = aws(
    RDS,
    "db-replica-0",
    { ...primaryInputs, replicateSourceDb: "db-id", multiAz: false, backupRetentionPeriod: 0, finalSnapshotIdentifier: undefined },
    { parameterGroupName: params },
);
export const dbs = [params, db];
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
/** An Aurora PostgreSQL cluster held to the rules the RDS controls apply to clusters too. */
export const aurora = aws(RDS_CLUSTER, "aurora", {
    engine: "aurora-postgresql",
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/data",
    iamDatabaseAuthenticationEnabled: true,
    enabledCloudwatchLogsExports: ["postgresql"],
    backupRetentionPeriod: 35,
    deletionProtection: true,
    finalSnapshotIdentifier: "aurora-final",
});
export const cacheInputs = {
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
export const cache = [aws(RG, "cache", cacheInputs)];
