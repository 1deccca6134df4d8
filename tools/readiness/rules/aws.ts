// Type tokens and lookups the rules of several families share.
import { PlannedResource } from "../../engine/plan";
import { list, ReadinessContext, str } from "../context";
import { parsePolicy, PolicyDocument } from "../policy";

export const T = {
    bucket: "aws:s3/bucket:Bucket",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketLogging: "aws:s3/bucketLogging:BucketLogging",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    serviceLinkedRole: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    trail: "aws:cloudtrail/trail:Trail",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    logDeliverySource: "aws:cloudwatch/logDeliverySource:LogDeliverySource",
    logDeliveryDestination: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
    logDelivery: "aws:cloudwatch/logDelivery:LogDelivery",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    flowLog: "aws:ec2/flowLog:FlowLog",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    secret: "aws:secretsmanager/secret:Secret",
    pullThroughCacheRule: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    repositoryCreationTemplate: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
    registryScanningConfiguration: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
    rds: "aws:rds/instance:Instance",
    rdsParameterGroup: "aws:rds/parameterGroup:ParameterGroup",
    cache: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheParameterGroup: "aws:elasticache/parameterGroup:ParameterGroup",
    vault: "aws:backup/vault:Vault",
    vaultPolicy: "aws:backup/vaultPolicy:VaultPolicy",
    vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    backupPlan: "aws:backup/plan:Plan",
    backupSelection: "aws:backup/selection:Selection",
    eks: "aws:eks/cluster:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    addon: "aws:eks/addon:Addon",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    route: "aws:ec2/route:Route",
    networkAcl: "aws:ec2/networkAcl:NetworkAcl",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgEgress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    eip: "aws:ec2/eip:Eip",
    natGateway: "aws:ec2/natGateway:NatGateway",
    internetGateway: "aws:ec2/internetGateway:InternetGateway",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    webAclLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    distribution: "aws:cloudfront/distribution:Distribution",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    certificate: "aws:acm/certificate:Certificate",
    certificateValidation: "aws:acm/certificateValidation:CertificateValidation",
    codebuild: "aws:codebuild/project:Project",
    guardduty: "aws:guardduty/detector:Detector",
    efs: "aws:efs/fileSystem:FileSystem",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    service: "kubernetes:core/v1:Service",
    release: "kubernetes:helm.sh/v3:Release",
    namespace: "kubernetes:core/v1:Namespace",
    k8sProvider: "pulumi:providers:kubernetes",
    accessPolicy: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    postgresProvider: "pulumi:providers:postgresql",
} as const;

/** The resources of a type that configure the given bucket (by their `bucket` input). */
export function bucketConfigs(ctx: ReadinessContext, bucket: PlannedResource, type: string): PlannedResource[] {
    return ctx.ofType(type).filter((c) => ctx.referenced(c, "bucket", T.bucket) === bucket);
}

/** The bucket a `bucket` input (a name or an `arn:aws:s3:::name`) names. */
export function bucketNamed(ctx: ReadinessContext, from: PlannedResource, value: unknown): PlannedResource | undefined {
    const name = str(value)?.replace(/^arn:aws[a-z-]*:s3:::/, "");
    return ctx.resolve(from, name, T.bucket);
}

export function bucketName(bucket: PlannedResource): string {
    return str(bucket.inputs.bucket) ?? bucket.name;
}

/** Whether the bucket's versioning is switched on by a resource the dependent waits for. */
export function versioningBefore(ctx: ReadinessContext, bucket: PlannedResource, dependent: PlannedResource): boolean {
    return bucketConfigs(ctx, bucket, T.versioning).some(
        (v) =>
            (v.inputs.versioningConfiguration as { status?: string } | undefined)?.status === "Enabled" && ctx.graph.waitsFor(dependent, v),
    );
}

/** Whether a bucket has Object Lock (at creation, or by a lock configuration). */
export function hasObjectLock(ctx: ReadinessContext, bucket: PlannedResource): boolean {
    return bucket.inputs.objectLockEnabled === true || bucketConfigs(ctx, bucket, T.objectLock).length > 0;
}

/** The bucket's default encryption rule: `AES256`, `aws:kms` (with its key), or undefined when none is set. */
export function bucketEncryption(
    ctx: ReadinessContext,
    bucket: PlannedResource,
): { algorithm: string; key?: string; bucketKey: boolean } | undefined {
    const config = bucketConfigs(ctx, bucket, T.encryption)[0];
    const rule = list<any>(config?.inputs.rules)[0];
    if (!rule) return undefined;
    const byDefault = rule.applyServerSideEncryptionByDefault ?? {};
    return { algorithm: byDefault.sseAlgorithm, key: byDefault.kmsMasterKeyId, bucketKey: rule.bucketKeyEnabled === true };
}

export function bucketPolicyOf(ctx: ReadinessContext, bucket: PlannedResource): PolicyDocument | undefined {
    const holder = bucketConfigs(ctx, bucket, T.bucketPolicy)[0];
    return holder ? parsePolicy(holder.inputs.policy) : undefined;
}

/** The identity policies of a role: inline ones and every customer-managed policy attached to it. */
export function identityPoliciesOf(ctx: ReadinessContext, role: PlannedResource): PolicyDocument[] {
    const roleName = str(role.inputs.name);
    const isThisRole = (holder: PlannedResource, value: unknown) =>
        ctx.referenced(holder, "role", T.role, value) === role || (roleName !== undefined && value === roleName);
    const inline = [
        ...list<{ policy?: unknown }>(role.inputs.inlinePolicies).map((p) => p.policy),
        ...ctx
            .ofType(T.rolePolicy)
            .filter((p) => isThisRole(p, p.inputs.role))
            .map((p) => p.inputs.policy),
    ];
    const attached = ctx
        .ofType(T.attachment)
        .filter((a) => isThisRole(a, a.inputs.role))
        .map((a) => ctx.referenced(a, "policyArn", T.policy)?.inputs.policy);
    return [...inline, ...attached].map(parsePolicy).filter((p): p is PolicyDocument => p !== undefined);
}

/** The attachments (and inline role policies) that give a role its permissions. */
export function grantsOf(ctx: ReadinessContext, role: PlannedResource): PlannedResource[] {
    const roleName = str(role.inputs.name);
    const isThisRole = (holder: PlannedResource, value: unknown) =>
        ctx.referenced(holder, "role", T.role, value) === role || (roleName !== undefined && value === roleName);
    return [...ctx.ofType(T.attachment), ...ctx.ofType(T.rolePolicy)].filter((a) => isThisRole(a, a.inputs.role));
}

/** Managed AWS policies attached to a role (their ARNs), whose text the plan does not hold. */
export function awsManagedPoliciesOf(ctx: ReadinessContext, role: PlannedResource): string[] {
    return grantsOf(ctx, role)
        .map((a) => str(a.inputs.policyArn))
        .filter((arn): arn is string => arn !== undefined && /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn));
}

/** The KMS key a key input (an ARN, an id, an alias) names. */
export function keyNamed(ctx: ReadinessContext, from: PlannedResource, value: unknown): PlannedResource | undefined {
    const key = ctx.resolve(from, value, T.key);
    if (key) return key;
    const alias = ctx.resolve(from, str(value)?.replace(/^arn:aws[a-z-]*:kms:[^:]*:\d{12}:/, ""), T.alias);
    return alias ? ctx.resolve(alias, alias.inputs.targetKeyId, T.key) : undefined;
}
