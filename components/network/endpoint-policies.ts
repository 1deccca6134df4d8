// VPC endpoint policies as plain data (evaluated with iam-simulate in tests/iam). Without one, an
// endpoint admits every principal to every resource of its service in any account: a pod could
// copy PHI into an attacker's bucket through the S3 gateway, with the attacker's credentials or
// its own. Each policy below admits this account's principals to this account's resources
// (`aws:PrincipalAccount` and `aws:ResourceAccount`, matched exactly: endpoint policies accept no
// wildcard on these keys), plus the AWS-owned resources the stack cannot run without.

type Statement = Record<string, unknown>;
const policy = (statements: Statement[]) => ({ Version: "2012-10-17", Statement: statements });

function thisAccountOnly(accountId: string): Statement {
    return {
        Sid: "ThisAccountsPrincipalsOnThisAccountsResources",
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalAccount": accountId, "aws:ResourceAccount": accountId } },
    };
}

/** Secrets Manager and CloudWatch Logs: this account's principals and resources, nothing else. */
export function accountEndpointPolicy(accountId: string) {
    return policy([thisAccountOnly(accountId)]);
}

/**
 * The ECR API and registry endpoints: anything on this account's repositories, and pulls (only)
 * from any registry for this account's principals. The nodes pull EKS add-on images (vpc-cni,
 * coredns, kube-proxy, EBS CSI) from AWS's regional registries (602401143452 in most regions,
 * others in newer ones) and the GuardDuty runtime agent from GuardDuty's: their accounts vary by
 * region, and a pull moves nothing out of the VPC. Pushing to another account's repository is
 * refused.
 */
export function ecrEndpointPolicy(accountId: string) {
    return policy([
        thisAccountOnly(accountId),
        {
            Sid: "ThisAccountsPrincipalsPullImages",
            Effect: "Allow",
            Principal: "*",
            Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalAccount": accountId } },
        },
    ]);
}

/** ECR serves image layers from this AWS-owned bucket per region, through presigned URLs. */
export function ecrLayerBucket(region: string) {
    return `prod-${region}-starport-layer-bucket`;
}

/**
 * The S3 gateway endpoint: this account's principals on this account's buckets, and the one
 * AWS-owned bucket the stack reads: ECR's image layers (pulled with a URL ECR presigned, so the
 * principal is ECR's, not ours). Deliberately not admitted: the Amazon Linux package repositories
 * (al2023-repos-<region>-*, amazonlinux-2-repos-<region>): nodes run the EKS-optimized AMI and are
 * patched by replacing them with a new AMI release, never by `dnf` on a running node; the RDS CA
 * bundle, which truststore.pki.rds.amazonaws.com serves through CloudFront, not the regional S3
 * endpoint; SSM agent updates (amazon-ssm-<region>), which the AMI release carries. A request to
 * them fails at the endpoint, which is the point.
 */
export function s3GatewayEndpointPolicy(p: { accountId: string; partition: string; region: string }) {
    return policy([
        thisAccountOnly(p.accountId),
        {
            Sid: "EcrImageLayers",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: `arn:${p.partition}:s3:::${ecrLayerBucket(p.region)}/*`,
        },
    ]);
}
