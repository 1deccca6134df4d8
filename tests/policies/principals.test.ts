// The controls that judge who a policy lets in: every trust and resource policy, the MFA and
// external-ID guards on roles people and third parties assume, and federated (IRSA, GitHub) trusts.
import { MOCK_ACCOUNT_ID } from "../../tools/engine/mocks";
import { aws, Fixture, res, specControl } from "../support/controls";

const ACCOUNT = MOCK_ACCOUNT_ID;
const OTHER = "999999999999";
const PARTNER = "222222222222";
const ORG = "o-a1b2c3d4e5";
const ROLE = "aws:iam/role:Role";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const BUCKET_ARN = "arn:aws:s3:::caresync-prod-documents";
const OIDC = "oidc.eks.us-east-1.amazonaws.com/id/3A9B9A6F52FB22E91DF2A630542CDB23";
const GITHUB = "token.actions.githubusercontent.com";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Principal: unknown, extra: object = {}) => ({
    Effect: "Allow",
    Principal,
    Action: "s3:GetObject",
    Resource: `${BUCKET_ARN}/*`,
    ...extra,
});
const bucketPolicy = (...statements: object[]) =>
    res(BUCKET_POLICY, "documents", { bucket: "caresync-prod-documents", policy: doc(...statements) });
const trust = (name: string, ...statements: object[]) => aws(ROLE, name, { assumeRolePolicy: doc(...statements) });
const assume = (Principal: unknown, Condition?: object, Action = "sts:AssumeRole") => ({
    Effect: "Allow",
    Principal,
    Action,
    ...(Condition ? { Condition } : {}),
});
const root = (account: string) => ({ AWS: `arn:aws:iam::${account}:root` });
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
const irsa = (sa: string) =>
    assume(
        { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC}` },
        { StringEquals: { [`${OIDC}:sub`]: sa, [`${OIDC}:aud`]: "sts.amazonaws.com" } },
        "sts:AssumeRoleWithWebIdentity",
    );
const github = (Condition: object) =>
    assume({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}` }, Condition, "sts:AssumeRoleWithWebIdentity");
/** A provider resource, and a resource created through it. */
const provider = (name: string, allowedAccountIds?: string[]) =>
    res("pulumi:providers:aws", name, {
        region: "us-west-2",
        ...(allowedAccountIds ? { allowedAccountIds: JSON.stringify(allowedAccountIds) } : {}),
    });
const through = (p: Fixture, f: Fixture): Fixture => ({ ...f, provider: p.urn });
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

const people = {
    "careplane-iam-trust-mfa-external-id": {
        thirdPartyAccounts: [PARTNER],
        humanRoles: ["arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"],
    },
};
const mfa = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

specControl("careplane-iam-trust-mfa-external-id", {
    passes: [
        {
            it: "the account root with MFA, and an IAM user with a recent MFA",
            fixtures: [
                trust("analytics", assume(root(ACCOUNT), mfa)),
                trust(
                    "oncall",
                    assume({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }),
                ),
            ],
        },
        {
            it: "roles assumed by services, by pods (web identity) and by a machine role of the account",
            fixtures: [
                trust("nodes", assume({ Service: "ec2.amazonaws.com" })),
                trust("api", irsa("system:serviceaccount:caresync-prod:api")),
                trust("deploy-target", assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci-deployer` })),
            ],
        },
        {
            it: "a third party's role with its external ID",
            config: people,
            fixtures: [
                trust(
                    "vendor",
                    assume({ AWS: `arn:aws:iam::${PARTNER}:role/integration` }, { StringEquals: { "sts:ExternalId": "caresync-7f3a" } }),
                ),
            ],
        },
        {
            it: "a people's role the configuration lists, with MFA",
            config: people,
            fixtures: [
                trust(
                    "break-glass",
                    assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123` }, mfa),
                ),
            ],
        },
    ],
    fails: [
        {
            it: "the account root without MFA",
            fixtures: [trust("analytics", assume(root(ACCOUNT)))],
            message: `lets people (arn:aws:iam::${ACCOUNT}:root) assume the role without MFA`,
        },
        {
            it: "an IAM user without MFA",
            fixtures: [trust("oncall", assume({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }))],
            message: "without MFA",
        },
        { it: "the bare account id without MFA", fixtures: [trust("analytics", assume({ AWS: ACCOUNT }))], message: "without MFA" },
        {
            it: "MFA under BoolIfExists (a session without the key passes)",
            fixtures: [trust("analytics", assume(root(ACCOUNT), { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }))],
            message: "without MFA",
        },
        {
            it: 'MultiFactorAuthPresent "false"',
            fixtures: [trust("analytics", assume(root(ACCOUNT), { Bool: { "aws:MultiFactorAuthPresent": "false" } }))],
            message: "without MFA",
        },
        {
            it: "any principal of the account (a wildcard held by aws:PrincipalAccount) without MFA",
            fixtures: [trust("analytics", assume("*", { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }))],
            message: "lets people (*)",
        },
        {
            it: "a people's role the configuration lists, without MFA",
            config: people,
            fixtures: [
                trust(
                    "break-glass",
                    assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123` }),
                ),
            ],
            message: "without MFA",
        },
        {
            it: "a third party without an external ID",
            config: people,
            fixtures: [trust("vendor", assume({ AWS: `arn:aws:iam::${PARTNER}:role/integration` }))],
            message: `third-party account ${PARTNER} assume the role without an external ID`,
        },
        {
            it: "a third party's external ID given as a wildcard",
            config: people,
            fixtures: [
                trust("vendor", assume({ AWS: `arn:aws:iam::${PARTNER}:role/integration` }, { StringLike: { "sts:ExternalId": "*" } })),
            ],
            message: "without an external ID",
        },
    ],
});

const aud = { [`${GITHUB}:aud`]: "sts.amazonaws.com" };
const githubSub = (sub: string | string[], op = "StringEquals", extra: object = {}) =>
    github({
        [op]: { [`${GITHUB}:sub`]: sub, ...(op === "StringEquals" ? aud : {}) },
        ...(op === "StringEquals" ? {} : { StringEquals: aud }),
        ...extra,
    });

specControl("careplane-iam-federated-trust-scoped", {
    passes: [
        {
            it: "an IRSA trust naming one service account and the STS audience",
            fixtures: [trust("api", irsa("system:serviceaccount:caresync-prod:api"))],
        },
        {
            it: "a GitHub trust pinned to the repository's prod environment",
            fixtures: [trust("deploy", githubSub("repo:careplane/careplane:environment:prod"))],
        },
        {
            it: "a GitHub pull-request trust pinned to the preview workflow file",
            fixtures: [
                trust(
                    "preview",
                    githubSub("repo:careplane/careplane:pull_request", "StringEquals", {
                        StringLike: { [`${GITHUB}:job_workflow_ref`]: "careplane/careplane/.github/workflows/preview.yml@*" },
                    }),
                ),
            ],
        },
        {
            it: "a SAML trust for the AWS sign-in audience",
            fixtures: [
                trust(
                    "sso",
                    assume(
                        { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` },
                        { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" }, ...mfa },
                        "sts:AssumeRoleWithSAML",
                    ),
                ),
            ],
        },
    ],
    fails: [
        {
            it: "an IRSA trust matching every service account of a namespace",
            fixtures: [
                trust(
                    "api",
                    assume(
                        { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC}` },
                        {
                            StringLike: { [`${OIDC}:sub`]: "system:serviceaccount:caresync-prod:*" },
                            StringEquals: { [`${OIDC}:aud`]: "sts.amazonaws.com" },
                        },
                        "sts:AssumeRoleWithWebIdentity",
                    ),
                ),
            ],
            message: "lets any service account of any namespace of the cluster assume the role",
        },
        {
            it: "an IRSA trust naming two service accounts",
            fixtures: [
                trust(
                    "api",
                    assume(
                        { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC}` },
                        {
                            StringEquals: {
                                [`${OIDC}:sub`]: ["system:serviceaccount:caresync-prod:api", "system:serviceaccount:caresync-prod:worker"],
                                [`${OIDC}:aud`]: "sts.amazonaws.com",
                            },
                        },
                        "sts:AssumeRoleWithWebIdentity",
                    ),
                ),
            ],
            message: "lets service accounts system:serviceaccount:caresync-prod:api, system:serviceaccount:caresync-prod:worker",
        },
        {
            it: "an IRSA trust without the audience",
            fixtures: [
                trust(
                    "api",
                    assume(
                        { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC}` },
                        { StringEquals: { [`${OIDC}:sub`]: "system:serviceaccount:caresync-prod:api" } },
                        "sts:AssumeRoleWithWebIdentity",
                    ),
                ),
            ],
            message: "does not require the token's audience to be AWS STS",
        },
        {
            it: "a GitHub trust for any repository of the organization",
            fixtures: [trust("deploy", githubSub("repo:careplane/*:environment:prod", "StringLike"))],
            message: "does not pin the GitHub repository",
        },
        {
            it: "a GitHub trust for every pull request, no workflow pinned",
            fixtures: [trust("preview", githubSub("repo:careplane/careplane:pull_request"))],
            message: "lets any workflow of the repository assume the role (pull_request",
        },
        {
            it: "a GitHub trust for any ref or event of the repository",
            fixtures: [trust("deploy", githubSub("repo:careplane/careplane:*", "StringLike"))],
            message: "lets any workflow of the repository",
        },
        {
            it: "a GitHub trust whose workflow pin names another repository's workflow",
            fixtures: [
                trust(
                    "preview",
                    githubSub("repo:careplane/careplane:pull_request", "StringEquals", {
                        StringLike: { [`${GITHUB}:job_workflow_ref`]: "someone/else/.github/workflows/preview.yml@*" },
                    }),
                ),
            ],
            message: "lets any workflow",
        },
        {
            it: "a GitHub trust without the audience",
            fixtures: [trust("deploy", github({ StringEquals: { [`${GITHUB}:sub`]: "repo:careplane/careplane:environment:prod" } }))],
            message: "does not require the token's audience",
        },
        {
            it: "another OIDC provider's trust with no subject",
            fixtures: [
                trust(
                    "partner-app",
                    assume(
                        { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/auth.example.org` },
                        { StringEquals: { "auth.example.org:aud": "careplane" } },
                        "sts:AssumeRoleWithWebIdentity",
                    ),
                ),
            ],
            message: "lets any subject of auth.example.org",
        },
        {
            it: "a SAML trust without the audience",
            fixtures: [trust("sso", assume({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` }, mfa, "sts:AssumeRoleWithSAML"))],
            message: "accepts SAML assertions meant for any recipient",
        },
    ],
});

const grant = (granteePrincipal: string, extra: object = {}) =>
    res("aws:kms/grant:Grant", "backup-grant", { keyId: "k", granteePrincipal, operations: ["Decrypt"], ...extra });
const snapshot = (sharedAccounts: string[]) =>
    aws("aws:rds/clusterSnapshot:ClusterSnapshot", "db-snap", {
        dbClusterIdentifier: "db",
        dbClusterSnapshotIdentifier: "s",
        sharedAccounts,
    });
const shareConfig = { "careplane-grants-trusted-accounts": { trustedAccounts: [PARTNER], trustedOrganizations: [ORG] } };

specControl("careplane-grants-trusted-accounts", {
    passes: [
        {
            it: "a key grant to a role of the account, a snapshot shared with no one, a create-volume permission for the account",
            fixtures: [
                grant(`arn:aws:iam::${ACCOUNT}:role/backup`, { retiringPrincipal: `arn:aws:iam::${ACCOUNT}:role/backup` }),
                snapshot([]),
                res("aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", "vol", {
                    snapshotId: "snap-1",
                    accountId: ACCOUNT,
                }),
                aws("aws:s3/accessPoint:AccessPoint", "documents-ap", {
                    bucket: "b",
                    publicAccessBlockConfiguration: {
                        blockPublicAcls: true,
                        blockPublicPolicy: true,
                        ignorePublicAcls: true,
                        restrictPublicBuckets: true,
                    },
                }),
            ],
        },
        {
            it: "a snapshot shared with a trusted account, an image launchable in the trusted organization",
            config: shareConfig,
            fixtures: [
                snapshot([PARTNER]),
                res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", {
                    imageId: "ami-1",
                    organizationArn: `arn:aws:organizations::${PARTNER}:organization/${ORG}`,
                }),
            ],
        },
    ],
    fails: [
        {
            it: "a key grant to another account's role",
            fixtures: [grant(`arn:aws:iam::${OTHER}:role/intruder`)],
            message: `the key grant goes to account ${OTHER}`,
        },
        {
            it: "a key grant retirable by another account",
            fixtures: [grant(`arn:aws:iam::${ACCOUNT}:role/backup`, { retiringPrincipal: `arn:aws:iam::${OTHER}:root` })],
            message: `the key grant goes to account ${OTHER}`,
        },
        { it: "a cluster snapshot made public", fixtures: [snapshot(["all"])], message: "the snapshot is shared with everyone (all)" },
        {
            it: "a snapshot copy shared with another account",
            fixtures: [
                aws("aws:rds/snapshotCopy:SnapshotCopy", "copy", {
                    sourceDbSnapshotIdentifier: "s",
                    targetDbSnapshotIdentifier: "t",
                    sharedAccounts: [OTHER],
                }),
            ],
            message: `the snapshot is shared with account ${OTHER}`,
        },
        {
            it: "an image launchable by everyone",
            fixtures: [res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", { imageId: "ami-1", group: "all" })],
            message: "the image may be launched by everyone (all)",
        },
        {
            it: "an image launchable by another account",
            fixtures: [res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", { imageId: "ami-1", accountId: OTHER })],
            message: `the image may be launched by account ${OTHER}`,
        },
        {
            it: "an image launchable in an untrusted organization",
            fixtures: [
                res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", {
                    imageId: "ami-1",
                    organizationArn: `arn:aws:organizations::${OTHER}:organization/o-zzzzzzzzzz`,
                }),
            ],
            message: "organization o-zzzzzzzzzz",
        },
        {
            it: "EBS volumes creatable from a snapshot by another account",
            fixtures: [
                res("aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", "vol", {
                    snapshotId: "snap-1",
                    accountId: OTHER,
                }),
            ],
            message: `volumes may be created from the snapshot by account ${OTHER}`,
        },
        {
            it: "a RAM share with another account",
            fixtures: [
                res("aws:ram/principalAssociation:PrincipalAssociation", "share", {
                    resourceShareArn: "arn:aws:ram:us-east-1:123456789012:resource-share/x",
                    principal: OTHER,
                }),
            ],
            message: `the resource share includes account ${OTHER}`,
        },
        {
            it: "an access point with its public access block lifted",
            fixtures: [
                aws("aws:s3/accessPoint:AccessPoint", "documents-ap", {
                    bucket: "b",
                    publicAccessBlockConfiguration: {
                        blockPublicAcls: true,
                        blockPublicPolicy: false,
                        ignorePublicAcls: true,
                        restrictPublicBuckets: true,
                    },
                }),
            ],
            message: "the access point lifts its public access block (blockPublicPolicy false)",
        },
    ],
});

// An explicit provider (the DR region's, CloudFront's us-east-1) does not inherit aws:allowedAccountIds.
const logGroup = res("aws:cloudwatch/logGroup:LogGroup", "stack-logs", { name: "/careplane/stack" });
const edgeLogs = (p: Fixture) => through(p, res("aws:cloudwatch/logGroup:LogGroup", "edge-logs", { name: "/careplane/edge" }));
specControl("careplane-aws-provider-pinned", {
    passes: [
        {
            it: "an explicit provider pinned to the stack's account, as the default provider is",
            fixtures: [logGroup, provider("edge", [ACCOUNT]), edgeLogs(provider("edge", [ACCOUNT]))],
        },
        { it: "a stack with only its default provider", fixtures: [logGroup] },
    ],
    fails: [
        {
            it: "an explicit provider pinned to no account",
            fixtures: [logGroup, provider("edge"), edgeLogs(provider("edge"))],
            message: "edge (pulumi:providers:aws): the provider is pinned to no account",
        },
        {
            it: "an explicit provider pinned to another account",
            fixtures: [logGroup, provider("edge", [PARTNER]), edgeLogs(provider("edge", [PARTNER]))],
            message: `the provider is pinned to ${PARTNER}, not to the stack's account`,
        },
        {
            it: "an explicit provider pinned to the stack's account and another",
            fixtures: [logGroup, provider("edge", [ACCOUNT, PARTNER]), edgeLogs(provider("edge", [ACCOUNT, PARTNER]))],
            message: `the provider is pinned to ${ACCOUNT}, ${PARTNER}, not to the stack's account`,
        },
    ],
});
