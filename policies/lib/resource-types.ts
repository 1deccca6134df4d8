// The shape of each resource type's properties as the pack receives them, so that a control reads
// only properties its resource types have (tsc fails otherwise). The shapes come from the providers'
// own input types (`import type`: nothing is loaded at run time), unwrapped and partial: the engine
// hands a policy the inputs the program passed (camelCase), and in a preview any of them may be
// absent or not yet known. Text that holds JSON (policy documents, container definitions) is typed
// as the provider types it (a string, or a string or object); controls read it with lib/json.ts.
import type * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import type * as postgresql from "@pulumi/postgresql";
import type { Unwrap } from "@pulumi/pulumi";

/** A resource's inputs as a policy sees them: unwrapped, and any of them possibly missing. */
type Inputs<Args> = Partial<Unwrap<Args>>;

/** A custom resource the Kubernetes provider has no input type for (a CRD's object). */
interface CustomResourceInputs {
    apiVersion?: string;
    kind?: string;
    metadata?: Unwrap<k8s.types.input.meta.v1.ObjectMeta>;
    spec?: unknown;
}

/** Resource type token → the properties a control on that type reads. */
export interface ResourceProps {
    "pulumi:providers:aws": Inputs<aws.ProviderArgs>;
    "aws:accessanalyzer/analyzer:Analyzer": Inputs<aws.accessanalyzer.AnalyzerArgs>;
    "aws:acm/certificate:Certificate": Inputs<aws.acm.CertificateArgs>;
    "aws:alb/listener:Listener": Inputs<aws.alb.ListenerArgs>;
    "aws:alb/loadBalancer:LoadBalancer": Inputs<aws.alb.LoadBalancerArgs>;
    "aws:apigateway/restApiPolicy:RestApiPolicy": Inputs<aws.apigateway.RestApiPolicyArgs>;
    "aws:appautoscaling/target:Target": Inputs<aws.appautoscaling.TargetArgs>;
    "aws:backup/plan:Plan": Inputs<aws.backup.PlanArgs>;
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": Inputs<aws.backup.RestoreTestingPlanArgs>;
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": Inputs<aws.backup.RestoreTestingSelectionArgs>;
    "aws:backup/selection:Selection": Inputs<aws.backup.SelectionArgs>;
    "aws:backup/vault:Vault": Inputs<aws.backup.VaultArgs>;
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": Inputs<aws.backup.VaultLockConfigurationArgs>;
    "aws:backup/vaultPolicy:VaultPolicy": Inputs<aws.backup.VaultPolicyArgs>;
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": Inputs<aws.chatbot.SlackChannelConfigurationArgs>;
    "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": Inputs<aws.chatbot.TeamsChannelConfigurationArgs>;
    "aws:cloudfront/distribution:Distribution": Inputs<aws.cloudfront.DistributionArgs>;
    "aws:cloudtrail/trail:Trail": Inputs<aws.cloudtrail.TrailArgs>;
    "aws:cloudwatch/eventBusPolicy:EventBusPolicy": Inputs<aws.cloudwatch.EventBusPolicyArgs>;
    "aws:cloudwatch/eventRule:EventRule": Inputs<aws.cloudwatch.EventRuleArgs>;
    "aws:cloudwatch/eventTarget:EventTarget": Inputs<aws.cloudwatch.EventTargetArgs>;
    "aws:cloudwatch/logDelivery:LogDelivery": Inputs<aws.cloudwatch.LogDeliveryArgs>;
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": Inputs<aws.cloudwatch.LogDeliveryDestinationArgs>;
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": Inputs<aws.cloudwatch.LogDeliverySourceArgs>;
    "aws:cloudwatch/logGroup:LogGroup": Inputs<aws.cloudwatch.LogGroupArgs>;
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": Inputs<aws.cloudwatch.LogMetricFilterArgs>;
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": Inputs<aws.cloudwatch.LogResourcePolicyArgs>;
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": Inputs<aws.cloudwatch.LogSubscriptionFilterArgs>;
    "aws:cloudwatch/metricAlarm:MetricAlarm": Inputs<aws.cloudwatch.MetricAlarmArgs>;
    "aws:codebuild/project:Project": Inputs<aws.codebuild.ProjectArgs>;
    "aws:dynamodb/table:Table": Inputs<aws.dynamodb.TableArgs>;
    "aws:ebs/volume:Volume": Inputs<aws.ebs.VolumeArgs>;
    "aws:ec2/amiLaunchPermission:AmiLaunchPermission": Inputs<aws.ec2.AmiLaunchPermissionArgs>;
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": Inputs<aws.ec2.DefaultSecurityGroupArgs>;
    "aws:ec2/eip:Eip": Inputs<aws.ec2.EipArgs>;
    "aws:ec2/flowLog:FlowLog": Inputs<aws.ec2.FlowLogArgs>;
    "aws:ec2/instance:Instance": Inputs<aws.ec2.InstanceArgs>;
    "aws:ec2/internetGateway:InternetGateway": Inputs<aws.ec2.InternetGatewayArgs>;
    "aws:ec2/launchTemplate:LaunchTemplate": Inputs<aws.ec2.LaunchTemplateArgs>;
    "aws:ec2/natGateway:NatGateway": Inputs<aws.ec2.NatGatewayArgs>;
    "aws:ec2/networkAcl:NetworkAcl": Inputs<aws.ec2.NetworkAclArgs>;
    "aws:ec2/networkAclRule:NetworkAclRule": Inputs<aws.ec2.NetworkAclRuleArgs>;
    "aws:ec2/route:Route": Inputs<aws.ec2.RouteArgs>;
    "aws:ec2/routeTable:RouteTable": Inputs<aws.ec2.RouteTableArgs>;
    "aws:ec2/routeTableAssociation:RouteTableAssociation": Inputs<aws.ec2.RouteTableAssociationArgs>;
    "aws:ec2/securityGroup:SecurityGroup": Inputs<aws.ec2.SecurityGroupArgs>;
    "aws:ec2/securityGroupRule:SecurityGroupRule": Inputs<aws.ec2.SecurityGroupRuleArgs>;
    "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission": Inputs<aws.ec2.SnapshotCreateVolumePermissionArgs>;
    "aws:ec2/subnet:Subnet": Inputs<aws.ec2.SubnetArgs>;
    "aws:ec2/vpc:Vpc": Inputs<aws.ec2.VpcArgs>;
    "aws:ec2/vpcEndpoint:VpcEndpoint": Inputs<aws.ec2.VpcEndpointArgs>;
    "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": Inputs<aws.ec2.VpcEndpointPolicyArgs>;
    "aws:ecr/registryPolicy:RegistryPolicy": Inputs<aws.ecr.RegistryPolicyArgs>;
    "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration": Inputs<aws.ecr.RegistryScanningConfigurationArgs>;
    "aws:ecr/repository:Repository": Inputs<aws.ecr.RepositoryArgs>;
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": Inputs<aws.ecr.RepositoryCreationTemplateArgs>;
    "aws:ecr/repositoryPolicy:RepositoryPolicy": Inputs<aws.ecr.RepositoryPolicyArgs>;
    "aws:ecs/cluster:Cluster": Inputs<aws.ecs.ClusterArgs>;
    "aws:ecs/service:Service": Inputs<aws.ecs.ServiceArgs>;
    "aws:ecs/taskDefinition:TaskDefinition": Inputs<aws.ecs.TaskDefinitionArgs>;
    "aws:efs/accessPoint:AccessPoint": Inputs<aws.efs.AccessPointArgs>;
    "aws:efs/fileSystem:FileSystem": Inputs<aws.efs.FileSystemArgs>;
    "aws:efs/fileSystemPolicy:FileSystemPolicy": Inputs<aws.efs.FileSystemPolicyArgs>;
    "aws:eks/accessEntry:AccessEntry": Inputs<aws.eks.AccessEntryArgs>;
    "aws:eks/addon:Addon": Inputs<aws.eks.AddonArgs>;
    "aws:eks/cluster:Cluster": Inputs<aws.eks.ClusterArgs>;
    "aws:eks/nodeGroup:NodeGroup": Inputs<aws.eks.NodeGroupArgs>;
    "aws:elasticache/cluster:Cluster": Inputs<aws.elasticache.ClusterArgs>;
    "aws:elasticache/parameterGroup:ParameterGroup": Inputs<aws.elasticache.ParameterGroupArgs>;
    "aws:elasticache/replicationGroup:ReplicationGroup": Inputs<aws.elasticache.ReplicationGroupArgs>;
    "aws:elasticache/subnetGroup:SubnetGroup": Inputs<aws.elasticache.SubnetGroupArgs>;
    "aws:elasticache/user:User": Inputs<aws.elasticache.UserArgs>;
    "aws:elasticache/userGroup:UserGroup": Inputs<aws.elasticache.UserGroupArgs>;
    "aws:glacier/vault:Vault": Inputs<aws.glacier.VaultArgs>;
    "aws:guardduty/detector:Detector": Inputs<aws.guardduty.DetectorArgs>;
    "aws:guardduty/detectorFeature:DetectorFeature": Inputs<aws.guardduty.DetectorFeatureArgs>;
    "aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan": Inputs<aws.guardduty.MalwareProtectionPlanArgs>;
    "aws:iam/accessKey:AccessKey": Inputs<aws.iam.AccessKeyArgs>;
    "aws:iam/group:Group": Inputs<aws.iam.GroupArgs>;
    "aws:iam/groupMembership:GroupMembership": Inputs<aws.iam.GroupMembershipArgs>;
    "aws:iam/groupPolicy:GroupPolicy": Inputs<aws.iam.GroupPolicyArgs>;
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": Inputs<aws.iam.GroupPolicyAttachmentArgs>;
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": Inputs<aws.iam.OpenIdConnectProviderArgs>;
    "aws:iam/policy:Policy": Inputs<aws.iam.PolicyArgs>;
    "aws:iam/policyAttachment:PolicyAttachment": Inputs<aws.iam.PolicyAttachmentArgs>;
    "aws:iam/role:Role": Inputs<aws.iam.RoleArgs>;
    "aws:iam/rolePolicy:RolePolicy": Inputs<aws.iam.RolePolicyArgs>;
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": Inputs<aws.iam.RolePolicyAttachmentArgs>;
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": Inputs<aws.iam.ServiceLinkedRoleArgs>;
    "aws:iam/user:User": Inputs<aws.iam.UserArgs>;
    "aws:iam/userLoginProfile:UserLoginProfile": Inputs<aws.iam.UserLoginProfileArgs>;
    "aws:iam/userPolicy:UserPolicy": Inputs<aws.iam.UserPolicyArgs>;
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": Inputs<aws.iam.UserPolicyAttachmentArgs>;
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": Inputs<aws.kinesis.FirehoseDeliveryStreamArgs>;
    "aws:kms/externalKey:ExternalKey": Inputs<aws.kms.ExternalKeyArgs>;
    "aws:kms/grant:Grant": Inputs<aws.kms.GrantArgs>;
    "aws:kms/key:Key": Inputs<aws.kms.KeyArgs>;
    "aws:kms/keyPolicy:KeyPolicy": Inputs<aws.kms.KeyPolicyArgs>;
    "aws:kms/replicaKey:ReplicaKey": Inputs<aws.kms.ReplicaKeyArgs>;
    "aws:lambda/function:Function": Inputs<aws.lambda.FunctionArgs>;
    "aws:lambda/functionUrl:FunctionUrl": Inputs<aws.lambda.FunctionUrlArgs>;
    "aws:lambda/permission:Permission": Inputs<aws.lambda.PermissionArgs>;
    "aws:lb/listener:Listener": Inputs<aws.lb.ListenerArgs>;
    "aws:lb/listenerRule:ListenerRule": Inputs<aws.lb.ListenerRuleArgs>;
    "aws:lb/loadBalancer:LoadBalancer": Inputs<aws.lb.LoadBalancerArgs>;
    "aws:lb/targetGroup:TargetGroup": Inputs<aws.lb.TargetGroupArgs>;
    "aws:opensearch/domainPolicy:DomainPolicy": Inputs<aws.opensearch.DomainPolicyArgs>;
    "aws:ram/principalAssociation:PrincipalAssociation": Inputs<aws.ram.PrincipalAssociationArgs>;
    "aws:rds/cluster:Cluster": Inputs<aws.rds.ClusterArgs>;
    "aws:rds/clusterSnapshot:ClusterSnapshot": Inputs<aws.rds.ClusterSnapshotArgs>;
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": Inputs<aws.rds.ClusterSnapshotCopyArgs>;
    "aws:rds/instance:Instance": Inputs<aws.rds.InstanceArgs>;
    "aws:rds/parameterGroup:ParameterGroup": Inputs<aws.rds.ParameterGroupArgs>;
    "aws:rds/snapshot:Snapshot": Inputs<aws.rds.SnapshotArgs>;
    "aws:rds/snapshotCopy:SnapshotCopy": Inputs<aws.rds.SnapshotCopyArgs>;
    "aws:rds/subnetGroup:SubnetGroup": Inputs<aws.rds.SubnetGroupArgs>;
    "aws:s3/accessPoint:AccessPoint": Inputs<aws.s3.AccessPointArgs>;
    "aws:s3/bucket:Bucket": Inputs<aws.s3.BucketArgs>;
    "aws:s3/bucketAcl:BucketAcl": Inputs<aws.s3.BucketAclArgs>;
    "aws:s3/bucketAclV2:BucketAclV2": Inputs<aws.s3.BucketAclV2Args>;
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": Inputs<aws.s3.BucketLifecycleConfigurationArgs>;
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": Inputs<aws.s3.BucketLifecycleConfigurationV2Args>;
    "aws:s3/bucketLogging:BucketLogging": Inputs<aws.s3.BucketLoggingArgs>;
    "aws:s3/bucketLoggingV2:BucketLoggingV2": Inputs<aws.s3.BucketLoggingV2Args>;
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": Inputs<aws.s3.BucketObjectLockConfigurationArgs>;
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": Inputs<aws.s3.BucketObjectLockConfigurationV2Args>;
    "aws:s3/bucketPolicy:BucketPolicy": Inputs<aws.s3.BucketPolicyArgs>;
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": Inputs<aws.s3.BucketPublicAccessBlockArgs>;
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": Inputs<aws.s3.BucketReplicationConfigArgs>;
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": Inputs<aws.s3.BucketServerSideEncryptionConfigurationArgs>;
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": Inputs<aws.s3.BucketServerSideEncryptionConfigurationV2Args>;
    "aws:s3/bucketV2:BucketV2": Inputs<aws.s3.BucketV2Args>;
    "aws:s3/bucketVersioning:BucketVersioning": Inputs<aws.s3.BucketVersioningArgs>;
    "aws:s3/bucketVersioningV2:BucketVersioningV2": Inputs<aws.s3.BucketVersioningV2Args>;
    "aws:s3control/accessPointPolicy:AccessPointPolicy": Inputs<aws.s3control.AccessPointPolicyArgs>;
    "aws:s3control/bucketPolicy:BucketPolicy": Inputs<aws.s3control.BucketPolicyArgs>;
    "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy": Inputs<aws.s3control.ObjectLambdaAccessPointPolicyArgs>;
    "aws:secretsmanager/secret:Secret": Inputs<aws.secretsmanager.SecretArgs>;
    "aws:secretsmanager/secretPolicy:SecretPolicy": Inputs<aws.secretsmanager.SecretPolicyArgs>;
    "aws:secretsmanager/secretRotation:SecretRotation": Inputs<aws.secretsmanager.SecretRotationArgs>;
    "aws:serverlessrepository/cloudFormationStack:CloudFormationStack": Inputs<aws.serverlessrepository.CloudFormationStackArgs>;
    "aws:sns/topic:Topic": Inputs<aws.sns.TopicArgs>;
    "aws:sns/topicPolicy:TopicPolicy": Inputs<aws.sns.TopicPolicyArgs>;
    "aws:sqs/queue:Queue": Inputs<aws.sqs.QueueArgs>;
    "aws:sqs/queuePolicy:QueuePolicy": Inputs<aws.sqs.QueuePolicyArgs>;
    "aws:ssm/document:Document": Inputs<aws.ssm.DocumentArgs>;
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": Inputs<aws.vpc.SecurityGroupIngressRuleArgs>;
    "aws:wafv2/webAcl:WebAcl": Inputs<aws.wafv2.WebAclArgs>;
    "aws:wafv2/webAclAssociation:WebAclAssociation": Inputs<aws.wafv2.WebAclAssociationArgs>;
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": Inputs<aws.wafv2.WebAclLoggingConfigurationArgs>;
    "kubernetes:apps/v1:DaemonSet": Inputs<k8s.apps.v1.DaemonSetArgs>;
    "kubernetes:apps/v1:Deployment": Inputs<k8s.apps.v1.DeploymentArgs>;
    "kubernetes:apps/v1:ReplicaSet": Inputs<k8s.apps.v1.ReplicaSetArgs>;
    "kubernetes:apps/v1:StatefulSet": Inputs<k8s.apps.v1.StatefulSetArgs>;
    "kubernetes:autoscaling/v1:HorizontalPodAutoscaler": Inputs<k8s.autoscaling.v1.HorizontalPodAutoscalerArgs>;
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": Inputs<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>;
    "kubernetes:batch/v1:CronJob": Inputs<k8s.batch.v1.CronJobArgs>;
    "kubernetes:batch/v1:Job": Inputs<k8s.batch.v1.JobArgs>;
    "kubernetes:core/v1:ConfigMap": Inputs<k8s.core.v1.ConfigMapArgs>;
    "kubernetes:core/v1:Namespace": Inputs<k8s.core.v1.NamespaceArgs>;
    "kubernetes:core/v1:Pod": Inputs<k8s.core.v1.PodArgs>;
    "kubernetes:core/v1:Service": Inputs<k8s.core.v1.ServiceArgs>;
    "kubernetes:core/v1:ServiceAccount": Inputs<k8s.core.v1.ServiceAccountArgs>;
    "kubernetes:helm.sh/v3:Release": Inputs<k8s.helm.v3.ReleaseArgs>;
    "kubernetes:helm.sh/v4:Chart": Inputs<k8s.helm.v4.ChartArgs>;
    "kubernetes:monitoring.coreos.com/v1:PrometheusRule": CustomResourceInputs;
    "kubernetes:networking.k8s.io/v1:Ingress": Inputs<k8s.networking.v1.IngressArgs>;
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": Inputs<k8s.networking.v1.NetworkPolicyArgs>;
    "kubernetes:policy/v1:PodDisruptionBudget": Inputs<k8s.policy.v1.PodDisruptionBudgetArgs>;
    "postgresql:index/defaultPrivileges:DefaultPrivileges": Inputs<postgresql.DefaultPrivilegesArgs>;
    "postgresql:index/grant:Grant": Inputs<postgresql.GrantArgs>;
    "postgresql:index/schema:Schema": Inputs<postgresql.SchemaArgs>;
    "pulumi:providers:postgresql": Inputs<postgresql.ProviderArgs>;
}

export type ResourceType = keyof ResourceProps;

/** The properties of a resource of type T (a union when T is). */
export type PropsOf<T extends ResourceType> = ResourceProps[T];

/** Whether `value` is one of `values`: the literal types of a list declared `as const`. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
    return (values as readonly unknown[]).includes(value);
}
