// The AWS Load Balancer Controller's IAM policy, following the controller project's published
// iam_policy.json (v2.13): read-only discovery everywhere, mutations only on load balancers,
// target groups and security groups the controller itself tagged with `elbv2.k8s.aws/cluster`.

const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

export function loadBalancerControllerPolicy(partition: string) {
    const elb = (resource: string) => `arn:${partition}:elasticloadbalancing:*:*:${resource}`;
    const tagged = { Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: "false" } };
    const taggedOnCreate = { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: "false" } };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: "iam:CreateServiceLinkedRole",
                Resource: "*",
                Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
            },
            {
                Sid: "Discover",
                Effect: "Allow",
                Action: [
                    "ec2:DescribeAccountAttributes",
                    "ec2:DescribeAddresses",
                    "ec2:DescribeAvailabilityZones",
                    "ec2:DescribeInternetGateways",
                    "ec2:DescribeVpcs",
                    "ec2:DescribeVpcPeeringConnections",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeInstances",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeTags",
                    "ec2:DescribeRouteTables",
                    "ec2:GetCoipPoolUsage",
                    "ec2:DescribeCoipPools",
                    "ec2:GetSecurityGroupsForVpc",
                    "ec2:DescribeIpamPools",
                    "elasticloadbalancing:Describe*",
                    "acm:ListCertificates",
                    "acm:DescribeCertificate",
                    "cognito-idp:DescribeUserPoolClient",
                    "iam:ListServerCertificates",
                    "iam:GetServerCertificate",
                    "wafv2:GetWebACL",
                    "wafv2:GetWebACLForResource",
                    "wafv2:AssociateWebACL",
                    "wafv2:DisassociateWebACL",
                    "shield:GetSubscriptionState",
                    "shield:DescribeProtection",
                    "shield:CreateProtection",
                    "shield:DeleteProtection",
                ],
                Resource: "*",
            },
            { Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: "*" },
            {
                Effect: "Allow",
                Action: "ec2:CreateTags",
                Resource: `arn:${partition}:ec2:*:*:security-group/*`,
                Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" }, ...taggedOnCreate },
            },
            {
                Sid: "OwnSecurityGroups",
                Effect: "Allow",
                Action: [
                    "ec2:AuthorizeSecurityGroupIngress",
                    "ec2:RevokeSecurityGroupIngress",
                    "ec2:DeleteSecurityGroup",
                    "ec2:CreateTags",
                    "ec2:DeleteTags",
                ],
                Resource: `arn:${partition}:ec2:*:*:security-group/*`,
                Condition: tagged,
            },
            {
                Effect: "Allow",
                Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
                Resource: "*",
                Condition: taggedOnCreate,
            },
            {
                Effect: "Allow",
                Action: [
                    "elasticloadbalancing:CreateListener",
                    "elasticloadbalancing:DeleteListener",
                    "elasticloadbalancing:CreateRule",
                    "elasticloadbalancing:DeleteRule",
                    "elasticloadbalancing:ModifyListener",
                    "elasticloadbalancing:AddListenerCertificates",
                    "elasticloadbalancing:RemoveListenerCertificates",
                    "elasticloadbalancing:ModifyRule",
                    "elasticloadbalancing:SetRulePriorities",
                    "elasticloadbalancing:SetWebAcl",
                ],
                Resource: "*",
            },
            {
                Sid: "OwnLoadBalancers",
                Effect: "Allow",
                Action: [
                    "elasticloadbalancing:AddTags",
                    "elasticloadbalancing:RemoveTags",
                    "elasticloadbalancing:ModifyLoadBalancerAttributes",
                    "elasticloadbalancing:SetIpAddressType",
                    "elasticloadbalancing:SetSecurityGroups",
                    "elasticloadbalancing:SetSubnets",
                    "elasticloadbalancing:DeleteLoadBalancer",
                    "elasticloadbalancing:ModifyTargetGroup",
                    "elasticloadbalancing:ModifyTargetGroupAttributes",
                    "elasticloadbalancing:DeleteTargetGroup",
                ],
                Resource: [elb("targetgroup/*/*"), elb("loadbalancer/net/*/*"), elb("loadbalancer/app/*/*")],
                Condition: tagged,
            },
            {
                Effect: "Allow",
                Action: "elasticloadbalancing:AddTags",
                Resource: [elb("targetgroup/*/*"), elb("loadbalancer/net/*/*"), elb("loadbalancer/app/*/*")],
                Condition: {
                    StringEquals: { "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"] },
                    ...taggedOnCreate,
                },
            },
            {
                Effect: "Allow",
                Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
                Resource: [
                    elb("listener/net/*/*/*"),
                    elb("listener/app/*/*/*"),
                    elb("listener-rule/net/*/*/*"),
                    elb("listener-rule/app/*/*/*"),
                ],
            },
            {
                Effect: "Allow",
                Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
                Resource: elb("targetgroup/*/*"),
            },
        ],
    };
}
