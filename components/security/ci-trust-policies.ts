// Who may assume the CI roles of a stack, and what the read-only ones may do: pure functions used by
// the bootstrap project (bootstrap/), the program (EKS access entries name the roles), the docs
// generator (docs/ci-trust-policies.md) and the access table (tests/iam).
//
// GitHub's OIDC token carries `sub`, `aud`, `ref`, `environment` and `job_workflow_ref`; STS
// validates all of them as condition keys `token.actions.githubusercontent.com:<claim>` since
// January 2026 (AWS What's New, "AWS STS supports validation of identity provider claims").
// `aud` is what aws-actions/configure-aws-credentials requests: sts.amazonaws.com.

import { DATABASE_LOG_READ_ACTIONS, LOG_READ_ACTIONS } from "./phi-log-access";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** The workflow files whose jobs hold each role; a new workflow naming the environment gets nothing. */
export const ciWorkflows = {
    /** The reusable workflow that previews, then (gated) applies one stack's saved plan. */
    deploy: ".github/workflows/pulumi-up.yml",
    pullRequest: ".github/workflows/pull-request.yml",
    drift: ".github/workflows/drift.yml",
} as const;

export const DEFAULT_BRANCH = "refs/heads/main";

/** The CI roles of a stack, named so the program can refer to them before they exist. */
export function ciRoleNames(app: string, environment: string) {
    return {
        deploy: `${app}-${environment}-ci-deploy`,
        preview: `${app}-${environment}-ci-preview`,
        drift: `${app}-${environment}-ci-drift`,
    };
}

export interface GithubTrust {
    /** The account's GitHub OIDC provider (created by the bootstrap project). */
    providerArn: string;
    /** owner/name */
    repository: string;
    environment: string;
}

const claim = (name: string) => `${GITHUB_OIDC_HOST}:${name}`;
const workflowRef = (repository: string, workflow: string, ref: string) => `${repository}/${workflow}@${ref}`;

function webIdentity(providerArn: string, sid: string, condition: Record<string, Record<string, string>>) {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
    };
}

/**
 * The deploy role: only the `up` job of the deploy workflow, from main, in the stack's own GitHub
 * environment (so behind that environment's reviewers and branch policy) [issue 21, item 5].
 */
export function deployTrustPolicy(t: GithubTrust) {
    return {
        Version: "2012-10-17",
        Statement: [
            webIdentity(t.providerArn, "DeployJobOfMainInItsEnvironment", {
                StringEquals: {
                    [claim("aud")]: GITHUB_OIDC_AUDIENCE,
                    [claim("sub")]: `repo:${t.repository}:environment:${t.environment}`,
                    [claim("environment")]: t.environment,
                    [claim("ref")]: DEFAULT_BRANCH,
                    [claim("job_workflow_ref")]: workflowRef(t.repository, ciWorkflows.deploy, DEFAULT_BRANCH),
                },
            }),
        ],
    };
}

/**
 * The preview role (read-only): the pull-request workflow of a pull request, and the preview job
 * of the deploy workflow on main (whose saved plan the gated job applies). No environment.
 */
export function previewTrustPolicy(t: GithubTrust) {
    return {
        Version: "2012-10-17",
        Statement: [
            webIdentity(t.providerArn, "PullRequestPreview", {
                StringEquals: { [claim("aud")]: GITHUB_OIDC_AUDIENCE, [claim("sub")]: `repo:${t.repository}:pull_request` },
                StringLike: { [claim("job_workflow_ref")]: workflowRef(t.repository, ciWorkflows.pullRequest, "refs/pull/*/merge") },
            }),
            webIdentity(t.providerArn, "DeployWorkflowPreviewOfMain", {
                StringEquals: {
                    [claim("aud")]: GITHUB_OIDC_AUDIENCE,
                    [claim("sub")]: `repo:${t.repository}:ref:${DEFAULT_BRANCH}`,
                    [claim("ref")]: DEFAULT_BRANCH,
                    [claim("job_workflow_ref")]: workflowRef(t.repository, ciWorkflows.deploy, DEFAULT_BRANCH),
                },
            }),
        ],
    };
}

/** The drift role (read-only, plus refresh's reads): the drift workflow, from main only. */
export function driftTrustPolicy(t: GithubTrust) {
    return {
        Version: "2012-10-17",
        Statement: [
            webIdentity(t.providerArn, "DriftWorkflowOfMain", {
                StringEquals: {
                    [claim("aud")]: GITHUB_OIDC_AUDIENCE,
                    [claim("sub")]: `repo:${t.repository}:ref:${DEFAULT_BRANCH}`,
                    [claim("ref")]: DEFAULT_BRANCH,
                    [claim("job_workflow_ref")]: workflowRef(t.repository, ciWorkflows.drift, DEFAULT_BRANCH),
                },
            }),
        ],
    };
}

/**
 * Data-plane reads that AWS's ReadOnlyAccess grants and neither a preview nor a refresh needs:
 * log events by any route, export to S3 included (application and database logs can hold PHI, and
 * CloudWatch decrypts them for the caller; careplane-phi-logs-fenced), object contents, table items, queue messages, WAF sampled requests (they keep the
 * Authorization and Cookie headers), instance passwords and console output [22.5].
 */
export const readOnlyDataDenials = [
    ...LOG_READ_ACTIONS,
    ...DATABASE_LOG_READ_ACTIONS,
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:GetObjectAttributes",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "sqs:ReceiveMessage",
    "kinesis:GetRecords",
    "wafv2:GetSampledRequests",
    "ec2:GetPasswordData",
    "ec2:GetConsoleOutput",
    "ec2:GetConsoleScreenshot",
    "athena:GetQueryResults",
];

/** The deny statement both read-only CI roles carry beside AWS's ReadOnlyAccess. */
export function readOnlyGuardrailPolicy() {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "NoDataPlaneReads", Effect: "Deny", Action: readOnlyDataDenials, Resource: "*" }],
    };
}

export interface StackSecrets {
    partition: string;
    region: string;
    accountId: string;
    app: string;
    environment: string;
}

/**
 * What `pulumi refresh` needs beyond ReadOnlyAccess [18.13]: reading a SecretVersion calls
 * GetSecretValue, which ReadOnlyAccess does not grant, on this stack's entries (`<app>/<env>/...`)
 * only, and Secrets Manager decrypts with the secrets key on the caller's behalf, so kms:Decrypt
 * only through Secrets Manager and only for those entries (the encryption context Secrets
 * Manager sends names the secret's ARN).
 */
export function driftRefreshPolicy(s: StackSecrets) {
    const entries = `arn:${s.partition}:secretsmanager:${s.region}:${s.accountId}:secret:${s.app}/${s.environment}/*`;
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadThisStacksSecretValues", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: entries },
            {
                Sid: "DecryptThemThroughSecretsManagerOnly",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: `arn:${s.partition}:kms:${s.region}:${s.accountId}:key/*`,
                Condition: {
                    StringEquals: { "kms:ViaService": `secretsmanager.${s.region}.amazonaws.com` },
                    StringLike: { "kms:EncryptionContext:SecretARN": entries },
                },
            },
        ],
    };
}

/**
 * The deploy role runs with AdministratorAccess (it creates roles, keys and clusters), less what
 * no stack deploy needs and an attacker holding it would want: long-lived credentials, changes to
 * the CI roles, their policies and the OIDC provider (the bootstrap's), the account's public access block,
 * reading log events, and stopping the audit trail (deleting it, in prod).
 */
export function deployGuardrailPolicy(p: { partition: string; accountId: string; app: string; environment: string }) {
    const ciRoles = `arn:${p.partition}:iam::${p.accountId}:role/${p.app}-*-ci-*`;
    // The bootstrap names each CI role's policies after the role (`<role>-<name>-<suffix>`).
    const ciPolicies = `arn:${p.partition}:iam::${p.accountId}:policy/${p.app}-*-ci-*`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "NoLongLivedCredentials",
                Effect: "Deny",
                Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
                Resource: "*",
            },
            {
                Sid: "CiRolesBelongToTheBootstrap",
                Effect: "Deny",
                Action: [
                    "iam:UpdateAssumeRolePolicy",
                    "iam:PutRolePolicy",
                    "iam:AttachRolePolicy",
                    "iam:DetachRolePolicy",
                    "iam:DeleteRolePolicy",
                    "iam:PutRolePermissionsBoundary",
                    "iam:DeleteRolePermissionsBoundary",
                    "iam:UpdateRole",
                    "iam:DeleteRole",
                ],
                Resource: ciRoles,
            },
            {
                // A new default version of a policy already attached changes what the role may do without touching
                // the role: this one's guardrails, or the read-only roles' (IAM user guide, "Versioning IAM policies").
                Sid: "CiPoliciesBelongToTheBootstrap",
                Effect: "Deny",
                Action: ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "iam:DeletePolicy"],
                Resource: ciPolicies,
            },
            {
                Sid: "AccountSingletonsBelongToTheBootstrap",
                Effect: "Deny",
                Action: [
                    "iam:CreateOpenIDConnectProvider",
                    "iam:DeleteOpenIDConnectProvider",
                    "iam:UpdateOpenIDConnectProviderThumbprint",
                    "iam:AddClientIDToOpenIDConnectProvider",
                    "s3:PutAccountPublicAccessBlock",
                    "s3:DeleteAccountPublicAccessBlock",
                    "organizations:*",
                    "account:*",
                ],
                Resource: "*",
            },
            {
                // No deploy or destroy reads log events; the logs that can hold PHI are break-glass's and the auditors' (22.5).
                Sid: "NoLogEventReads",
                Effect: "Deny",
                Action: [...LOG_READ_ACTIONS, ...DATABASE_LOG_READ_ACTIONS],
                Resource: "*",
            },
            {
                Sid: "AuditKeepsRunning",
                Effect: "Deny",
                // Outside prod a destroy deletes the stack's trail; prod's trail is never deleted.
                Action: p.environment === "prod" ? ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"] : ["cloudtrail:StopLogging"],
                Resource: "*",
            },
        ],
    };
}
