// What each resource type is in the picture, decided by its type token alone, so components
// that land later (databases, caches, buckets, vaults, clusters) are drawn without new code.

export type Kind =
    | "vpc"
    | "subnet"
    | "gateway"
    | "endpoint"
    | "entry"
    | "compute"
    | "workload"
    | "datastore"
    | "bucket"
    | "vault"
    | "backup-plan"
    /** Drawn as a count per type in one box: keys, secrets, trails, log groups, alarms, … */
    | "service"
    /** Configuration of another resource (route tables, IAM, rules, parameter groups): not drawn. */
    | "supporting";

const kinds: Array<[RegExp, Kind]> = [
    [/^aws:ec2\/vpc:Vpc$/, "vpc"],
    [/^aws:ec2\/subnet:Subnet$/, "subnet"],
    [/^aws:ec2\/(internetGateway|natGateway|egressOnlyInternetGateway|transitGateway):/, "gateway"],
    [/^aws:ec2\/vpcEndpoint:/, "endpoint"],
    [/^aws:(lb|alb|elb)\/loadBalancer:/, "entry"],
    [/^aws:(eks\/(cluster|nodeGroup|fargateProfile)|ecs\/(cluster|service)|lambda\/function|autoscaling\/group|ec2\/instance):/, "compute"],
    [/^kubernetes:apps\/v1:(Deployment|StatefulSet|DaemonSet)$/, "workload"],
    [/^kubernetes:batch\/v1:CronJob$/, "workload"],
    [
        /^kubernetes:(monitoring\.coreos\.com\/\w+:(PrometheusRule|AlertmanagerConfig|Alertmanager|Prometheus)|helm\.sh\/v\d:Release)$/,
        "service",
    ],
    [
        /^aws:(rds\/(instance|cluster|clusterInstance)|elasticache\/(replicationGroup|cluster|serverlessCache|globalReplicationGroup)|dynamodb\/table|efs\/fileSystem|docdb\/cluster|opensearch\/domain|memorydb\/cluster|rds\/instanceAutomatedBackupsReplication):/,
        "datastore",
    ],
    [/^aws:s3\/bucket(V2)?:Bucket(V2)?$/, "bucket"],
    [/^aws:backup\/vault:Vault$/, "vault"],
    [/^aws:backup\/plan:Plan$/, "backup-plan"],
    [
        /^(pulumi:|random:|postgresql:|aws:iam\/|aws:ec2\/(route|routeTable|routeTableAssociation|networkAcl\w*|eip|defaultSecurityGroup|securityGroup|securityGroupRule|flowLog|launchTemplate|mainRouteTableAssociation|defaultRouteTable|defaultNetworkAcl|vpcEndpointRouteTableAssociation)\b|aws:vpc\/|aws:kms\/(alias|grant)|aws:s3\/bucket(?!(V2)?:)|aws:backup\/(selection|vaultLockConfiguration|vaultPolicy|vaultNotifications|restoreTesting\w*|framework)|aws:secretsmanager\/secret(Version|Rotation|Policy)|aws:(rds|elasticache|docdb)\/\w*(parameterGroup|subnetGroup|optionGroup|user|userGroup)|aws:cloudwatch\/(logResourcePolicy|logSubscriptionFilter|logStream)|aws:eks\/(addon|accessEntry|accessPolicyAssociation|identityProviderConfig|podIdentityAssociation)|aws:appautoscaling\/|aws:(lb|alb)\/(listener|listenerRule|targetGroup|targetGroupAttachment)|aws:wafv2\/webAclAssociation|aws:ecs\/(taskDefinition|clusterCapacityProviders)|aws:sns\/topicSubscription|aws:sns\/topicPolicy|aws:lambda\/permission|aws:cloudwatch\/eventTarget)/,
        "supporting",
    ],
];

export function kindOf(type: string): Kind {
    if (type.startsWith("kubernetes:")) return kinds.find(([pattern]) => pattern.test(type))?.[1] ?? "supporting";
    return kinds.find(([pattern]) => pattern.test(type))?.[1] ?? "service";
}

/** Resources that hold others of their kind: node groups and services are drawn inside them. */
export const containerTypes = /^aws:(eks\/cluster|ecs\/cluster):/;
export const securityGroupType = /^aws:ec2\/securityGroup:SecurityGroup$/;
