// AWS service principals (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services):
// the services careplane's policies name, and the ones they plausibly will. A principal that is not
// one of these and not a regional form of one is refused as invalid when the policy is set.
const GLOBAL = [
    "apigateway",
    "application-autoscaling",
    "autoscaling",
    "backup",
    // The Slack channel's role (AWS Chatbot administrator guide, "Understanding IAM roles": trusted by chatbot.amazonaws.com).
    "chatbot",
    "cloudfront",
    "cloudtrail",
    "cloudwatch",
    "codebuild",
    "config",
    "delivery.logs",
    "ec2",
    // The role a repository creation template names: Amazon ECR User Guide, "Create an IAM role for repository
    // creation templates" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates-create-iam.html).
    "ecr",
    "ecs",
    "ecs-tasks",
    "eks",
    "eks-nodegroup",
    "elasticache",
    "elasticfilesystem",
    "elasticloadbalancing",
    "events",
    "firehose",
    "guardduty",
    // GuardDuty Malware Protection for S3 assumes the plan's role as this principal
    // (https://docs.aws.amazon.com/guardduty/latest/ug/malware-protection-s3-iam-policy-prerequisite.html).
    "malware-protection-plan.guardduty",
    "kms",
    "lambda",
    "logdelivery.elasticloadbalancing",
    "logging.s3",
    "logs",
    // The service role a Malware Protection plan for S3 names: https://docs.aws.amazon.com/guardduty/latest/ug/malware-protection-s3-iam-policy-prerequisite.html
    "malware-protection-plan.guardduty",
    "monitoring.rds",
    "pods.eks",
    "rds",
    "replication.ecr",
    "s3",
    // EventBridge Scheduler assumes a schedule's execution role as this principal
    // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
    "scheduler",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "states",
    "vpc-flow-logs",
    "waf",
    "wafv2",
];

/** Services whose principal also exists in a regional form (`logs.us-east-1.amazonaws.com`). */
const REGIONAL = ["logs", "states"];

export function isServicePrincipal(value: string): boolean {
    const m = /^(.+?)(?:\.([a-z]{2}(?:-gov)?-[a-z]+-\d))?\.amazonaws\.com$/.exec(value);
    if (!m) return false;
    return m[2] ? REGIONAL.includes(m[1]) : GLOBAL.includes(m[1]);
}
