import { propertyOf } from "./stack";
// Every place a plan can write a policy that names principals: roles' trust policies, and the
// resource policies of buckets, keys, secrets, vaults, topics, queues, endpoints, access points,
// file systems, repositories, log destinations and event buses (@pulumi/aws v7 input names).

/** trust: who may assume a role; resource: who may act on the resource; endpoint: what a VPC endpoint lets through. */
export type DocumentKind = "trust" | "resource" | "endpoint";

export const ROLE = "aws:iam/role:Role";
export const BUCKET_POLICY_TYPES = ["aws:s3/bucketPolicy:BucketPolicy", "aws:s3control/bucketPolicy:BucketPolicy"] as const;

const sources: Array<{ types: string[]; property: string; kind: DocumentKind }> = [
    { types: [ROLE], property: "assumeRolePolicy", kind: "trust" },
    {
        types: [
            "aws:s3/bucket:Bucket",
            "aws:s3/bucketV2:BucketV2",
            ...BUCKET_POLICY_TYPES,
            "aws:s3/accessPoint:AccessPoint",
            "aws:s3control/accessPointPolicy:AccessPointPolicy",
            "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy",
            "aws:kms/key:Key",
            "aws:kms/replicaKey:ReplicaKey",
            "aws:kms/externalKey:ExternalKey",
            "aws:kms/keyPolicy:KeyPolicy",
            "aws:secretsmanager/secret:Secret",
            "aws:secretsmanager/secretPolicy:SecretPolicy",
            "aws:backup/vaultPolicy:VaultPolicy",
            "aws:sns/topic:Topic",
            "aws:sns/topicPolicy:TopicPolicy",
            "aws:sqs/queue:Queue",
            "aws:sqs/queuePolicy:QueuePolicy",
            "aws:efs/fileSystemPolicy:FileSystemPolicy",
            "aws:ecr/repositoryPolicy:RepositoryPolicy",
            "aws:ecr/registryPolicy:RegistryPolicy",
            "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
            "aws:apigateway/restApiPolicy:RestApiPolicy",
        ],
        property: "policy",
        kind: "resource",
    },
    { types: ["aws:glacier/vault:Vault"], property: "accessPolicy", kind: "resource" },
    { types: ["aws:cloudwatch/logResourcePolicy:LogResourcePolicy"], property: "policyDocument", kind: "resource" },
    { types: ["aws:opensearch/domainPolicy:DomainPolicy"], property: "accessPolicies", kind: "resource" },
    { types: ["aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy"], property: "policy", kind: "endpoint" },
];

export const policyBearingTypes = [...new Set(sources.flatMap((s) => s.types))];

/** The policy documents a resource carries (absent properties skipped), with what kind each is. */
export function documentsOf(resource: {
    type: string;
    props: unknown;
}): Array<{ property: string; document: unknown; kind: DocumentKind }> {
    return sources
        .filter((s) => s.types.includes(resource.type) && propertyOf(resource, s.property) !== undefined)
        .map((s) => ({ property: s.property, document: propertyOf(resource, s.property), kind: s.kind }));
}
