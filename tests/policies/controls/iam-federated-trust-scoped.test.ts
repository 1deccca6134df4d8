import { specControl } from "../../support/controls";
import { ACCOUNT, assume, irsa, mfa, OIDC, trust } from "../baselines/principals";

const GITHUB = "token.actions.githubusercontent.com";
const github = (Condition: object) =>
    assume({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}` }, Condition, "sts:AssumeRoleWithWebIdentity");
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
