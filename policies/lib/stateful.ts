// Resources that hold data or guard it: losing one loses records or the means to read them.
export const statefulTypes = [
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:backup/vault:Vault",
    "aws:kms/key:Key",
    "aws:secretsmanager/secret:Secret",
    "aws:dynamodb/table:Table",
    "aws:efs/fileSystem:FileSystem",
] as const;
