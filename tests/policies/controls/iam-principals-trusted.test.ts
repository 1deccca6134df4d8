import { aws, res, specControl } from "../../support/controls";
import { ACCOUNT, assume, doc, irsa, OIDC, ORG, OTHER, PARTNER, provider, root, through, trust } from "../baselines/principals";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const BUCKET_ARN = "arn:aws:s3:::caresync-prod-documents";
const allow = (Principal: unknown, extra: object = {}) => ({
    Effect: "Allow",
    Principal,
    Action: "s3:GetObject",
    Resource: `${BUCKET_ARN}/*`,
    ...extra,
});
const bucketPolicy = (...statements: object[]) =>
    res(BUCKET_POLICY, "documents", { bucket: "caresync-prod-documents", policy: doc(...statements) });
const tlsOnly = {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const endpoint = (policy?: string) =>
    aws(
        ENDPOINT,
        "network-s3",
        { serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway", ...(policy ? { policy } : {}) },
        {},
        "prod",
        "internal",
    );
const onAnyResource = (Condition?: object) => ({
    Effect: "Allow",
    Principal: "*",
    Action: "*",
    Resource: "*",
    ...(Condition ? { Condition } : {}),
});
/** A key scrubbed snapshots are shared under (careplane:dataRefresh): another account copies through RDS. */
const shareKey = (account: string) =>
    res("aws:kms/key:Key", "data-refresh", {
        policy: doc({
            Sid: "StagingAccountCopiesSharedSnapshotsThroughRds",
            Effect: "Allow",
            Principal: root(account),
            Action: ["kms:DescribeKey", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "rds.us-east-1.amazonaws.com", "kms:CallerAccount": account } },
        }),
    });
/** A provider resource, and a resource created through it. */
const trusted = { "careplane-iam-principals-trusted": { trustedAccounts: [PARTNER], trustedOrganizations: [ORG] } };
specControl("careplane-iam-principals-trusted", {
    passes: [
        {
            it: "roles trusting a service and the account's own IRSA provider, and a bucket policy naming a role of the account",
            fixtures: [
                trust("nodes", assume({ Service: "ec2.amazonaws.com" })),
                trust("api", irsa("system:serviceaccount:caresync-prod:api")),
                bucketPolicy(tlsOnly, allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/api` })),
            ],
        },
        {
            it: "a wildcard principal held to the account by aws:PrincipalAccount (Deny statements never grant)",
            fixtures: [bucketPolicy(tlsOnly, allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }))],
        },
        {
            it: "a wildcard principal held by aws:PrincipalArn of the account's roles, and by aws:SourceVpce",
            fixtures: [
                bucketPolicy(
                    allow({ AWS: "*" }, { Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/workloads-*` } } }),
                    allow("*", { Sid: "ThroughTheEndpoint", Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } } }),
                ),
            ],
        },
        {
            it: "a snapshot-share key naming a staging account that the pack's configuration trusts",
            config: trusted,
            fixtures: [shareKey(PARTNER)],
        },
        {
            it: "a trusted account and a trusted organization from the pack's configuration",
            config: trusted,
            fixtures: [bucketPolicy(allow(root(PARTNER)), allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } }))],
        },
        {
            it: "Elastic Load Balancing's account writing this account's load balancer logs only",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::127311923021:root" },
                    Action: "s3:PutObject",
                    Resource: `arn:aws:s3:::caresync-prod-access-logs/alb/AWSLogs/${ACCOUNT}/*`,
                }),
            ],
        },
        {
            it: "Elastic Load Balancing's log-delivery service (regions opened since August 2022) writing this account's logs only",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `arn:aws:s3:::caresync-prod-access-logs/alb/AWSLogs/${ACCOUNT}/*`,
                }),
            ],
        },
        {
            it: "service principals scoped by aws:SourceAccount, aws:SourceArn or a KMS encryption context of the account",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${BUCKET_ARN}/*`,
                    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                }),
                res("aws:sns/topicPolicy:TopicPolicy", "alarms", {
                    arn: "arn:aws:sns:us-east-1:123456789012:alarms",
                    policy: doc({
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: "*",
                        Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:*` } },
                    }),
                }),
                aws("aws:kms/key:Key", "logs", {
                    policy: doc(
                        { Effect: "Allow", Principal: root(ACCOUNT), Action: "kms:Describe*", Resource: "*" },
                        {
                            Effect: "Allow",
                            Principal: { Service: "logs.us-east-1.amazonaws.com" },
                            Action: ["kms:Encrypt*", "kms:Decrypt*"],
                            Resource: "*",
                            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${ACCOUNT}:*` } },
                        },
                    ),
                }),
            ],
        },
        {
            it: "a VPC endpoint policy held to the account's resources, with ECR's layer bucket readable",
            fixtures: [
                endpoint(
                    doc(onAnyResource({ StringEquals: { "aws:ResourceAccount": ACCOUNT } }), {
                        Effect: "Allow",
                        Principal: "*",
                        Action: "s3:GetObject",
                        Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*",
                    }),
                ),
            ],
        },
        {
            it: "an endpoint given its policy by an aws.ec2.VpcEndpointPolicy",
            fixtures: (() => {
                const e = endpoint();
                return [
                    e,
                    res(
                        "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
                        "network-s3-policy",
                        { vpcEndpointId: "e", policy: doc(onAnyResource({ StringEquals: { "s3:ResourceAccount": ACCOUNT } })) },
                        { vpcEndpointId: e },
                    ),
                ];
            })(),
        },
        {
            it: "resources through an explicit provider pinned to the account (a DR region)",
            fixtures: (() => {
                const dr = provider("dr", [ACCOUNT]);
                return [dr, through(dr, bucketPolicy(allow(root(ACCOUNT))))];
            })(),
        },
    ],
    fails: [
        {
            it: "a snapshot-share key naming a staging account that no pack configuration trusts",
            fixtures: [shareKey(PARTNER)],
            message: `policy statement StagingAccountCopiesSharedSnapshotsThroughRds admits arn:aws:iam::${PARTNER}:root: account ${PARTNER} is neither the stack's (${ACCOUNT})`,
        },
        {
            it: "a bucket policy granting another account",
            fixtures: [bucketPolicy(tlsOnly, allow(root(OTHER)))],
            message: `account ${OTHER} is neither the stack's (${ACCOUNT})`,
        },
        {
            it: "a trust naming another account's role",
            fixtures: [trust("analytics", assume({ AWS: `arn:aws:iam::${OTHER}:role/admin` }))],
            message: `assumeRolePolicy statement 1 admits arn:aws:iam::${OTHER}:role/admin`,
        },
        {
            it: "a bare account id of another account",
            fixtures: [bucketPolicy(allow({ AWS: OTHER }))],
            message: `account ${OTHER} is neither`,
        },
        {
            it: "a secret policy open to anyone",
            fixtures: [
                res("aws:secretsmanager/secretPolicy:SecretPolicy", "jwt", {
                    secretArn: "s",
                    policy: doc({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }),
                }),
            ],
            message: "policy statement 1 admits * (anyone, from any account or none) without a condition",
        },
        {
            it: '{"AWS": "*"} held only by …IfExists (a request without the key passes)',
            fixtures: [bucketPolicy(allow({ AWS: "*" }, { Condition: { StringEqualsIfExists: { "aws:PrincipalAccount": ACCOUNT } } }))],
            message: "admits * (anyone",
        },
        {
            it: "a wildcard account value under StringLike",
            fixtures: [bucketPolicy(allow("*", { Condition: { StringLike: { "aws:PrincipalAccount": "*" } } }))],
            message: "admits * (anyone",
        },
        {
            it: "a negated account condition",
            fixtures: [bucketPolicy(allow("*", { Condition: { StringNotEquals: { "aws:PrincipalAccount": OTHER } } }))],
            message: "admits * (anyone",
        },
        {
            it: "a set operator (ForAnyValue) on the account key",
            fixtures: [bucketPolicy(allow("*", { Condition: { "ForAnyValue:StringEquals": { "aws:PrincipalAccount": [ACCOUNT] } } }))],
            message: "admits * (anyone",
        },
        {
            it: "an account condition naming another account",
            fixtures: [bucketPolicy(allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": OTHER } } }))],
            message: "admits * (anyone",
        },
        {
            it: "an organization the pack does not trust",
            fixtures: [bucketPolicy(allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" } } }))],
            message: "admits * (anyone",
        },
        {
            it: "a source ARN whose account is a wildcard",
            fixtures: [bucketPolicy(allow("*", { Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:*:alarm:*" } } }))],
            message: "admits * (anyone",
        },
        {
            it: "a wildcard VPC endpoint id",
            fixtures: [bucketPolicy(allow("*", { Condition: { StringLike: { "aws:SourceVpce": "vpce-*" } } }))],
            message: "admits * (anyone",
        },
        {
            it: "NotPrincipal in an Allow (everyone it does not name)",
            fixtures: [bucketPolicy({ Effect: "Allow", NotPrincipal: root(OTHER), Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` })],
            message: "admits NotPrincipal",
        },
        {
            it: "a service principal in a bucket policy with no source condition (the confused deputy)",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${BUCKET_ARN}/*`,
                }),
            ],
            message: "admits logging.s3.amazonaws.com on behalf of any account",
        },
        {
            it: "a service principal acting for another account",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${BUCKET_ARN}/*`,
                    Condition: { StringEquals: { "aws:SourceAccount": OTHER } },
                }),
            ],
            message: "on behalf of any account",
        },
        {
            it: "the load balancer logging account reading objects",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::127311923021:root" },
                    Action: "s3:GetObject",
                    Resource: `arn:aws:s3:::caresync-prod-access-logs/alb/AWSLogs/${ACCOUNT}/*`,
                }),
            ],
            message: "account 127311923021 is neither",
        },
        {
            it: "the load balancer log-delivery service writing anywhere in the bucket",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: "arn:aws:s3:::caresync-prod-access-logs/*",
                }),
            ],
            message: "admits logdelivery.elasticloadbalancing.amazonaws.com on behalf of any account",
        },
        {
            it: "the load balancer logging account writing another account's prefix",
            fixtures: [
                bucketPolicy({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::127311923021:root" },
                    Action: "s3:PutObject",
                    Resource: `arn:aws:s3:::caresync-prod-access-logs/AWSLogs/${OTHER}/*`,
                }),
            ],
            message: "account 127311923021 is neither",
        },
        { it: "a VPC endpoint without a policy (AWS's default: everything)", fixtures: [endpoint()], message: "it has no endpoint policy" },
        {
            it: "a VPC endpoint policy letting anyone do anything anywhere",
            fixtures: [endpoint(doc(onAnyResource()))],
            message: "policy statement 1 admits * (anyone",
        },
        {
            it: "a trust in another account's OIDC provider",
            fixtures: [
                trust(
                    "api",
                    assume({ Federated: `arn:aws:iam::${OTHER}:oidc-provider/${OIDC}` }, undefined, "sts:AssumeRoleWithWebIdentity"),
                ),
            ],
            message: "an identity provider that is not an IAM OIDC or SAML provider of the stack's account",
        },
        {
            it: "a trust in a public identity provider",
            fixtures: [trust("app", assume({ Federated: "accounts.google.com" }, undefined, "sts:AssumeRoleWithWebIdentity"))],
            message: "admits accounts.google.com",
        },
        {
            it: "a canonical user",
            fixtures: [bucketPolicy(allow({ CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }))],
            message: "a principal the pack cannot place in an account",
        },
        {
            it: "an account the configuration trusts for another stack only (trustedAccounts does not list it)",
            config: trusted,
            fixtures: [bucketPolicy(allow(root(OTHER)))],
            message: `account ${OTHER} is neither`,
        },
        {
            it: "an account an explicit provider is pinned to: only the default provider says whose stack it is",
            fixtures: (() => {
                const elsewhere = provider("elsewhere", [OTHER]);
                return [
                    elsewhere,
                    bucketPolicy(tlsOnly),
                    through(elsewhere, res(BUCKET_POLICY, "exfil", { bucket: "x", policy: doc(allow(root(OTHER))) })),
                ];
            })(),
            message: `account ${OTHER} is neither the stack's (${ACCOUNT})`,
        },
        {
            it: "a stack whose AWS providers are pinned to no account",
            fixtures: (() => {
                const unpinned = provider("unpinned");
                return [unpinned, through(unpinned, bucketPolicy(tlsOnly))];
            })(),
            message: "no AWS provider of the stack is pinned to an account",
        },
    ],
});
