// The CI roles of one stack, as documents: what the bootstrap project creates and the docs show.
import { StackConfig } from "../config/stack-config";
import {
    ciRoleNames,
    deployGuardrailPolicy,
    deployTrustPolicy,
    driftRefreshPolicy,
    driftTrustPolicy,
    GITHUB_OIDC_HOST,
    previewTrustPolicy,
    readOnlyGuardrailPolicy,
} from "./ci-trust-policies";

/** A first prod deploy (Multi-AZ database and replicas, cluster, CDN) finishes well within 4 h. */
export const DEPLOY_SESSION_SECONDS = 4 * 3600;
/** A preview or a refresh: 1 h. */
export const READ_SESSION_SECONDS = 3600;

/** The account's GitHub OIDC provider: its ARN follows from the account and the issuer host. */
export const githubOidcProviderArn = (partition: string, accountId: string) =>
    `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;

export interface CiRoleDocument {
    kind: "deploy" | "preview" | "drift";
    name: string;
    maxSessionDuration: number;
    trust: object;
    /** AWS-managed policies attached by name. */
    managed: string[];
    /** Customer-managed policies: name suffix → document. */
    policies: Record<string, object>;
}

/** The deploy, preview and drift roles of a stack, from its validated config. */
export function ciRoleDocuments(config: StackConfig, partition = "aws"): CiRoleDocument[] {
    const accountId = config.account.id;
    const names = ciRoleNames(config.app, config.environment);
    const trust = {
        providerArn: githubOidcProviderArn(partition, accountId),
        repository: config.deployer.repository,
        environment: config.environment,
    };
    const readOnly = { "read-only-guardrails": readOnlyGuardrailPolicy() };
    return [
        {
            kind: "deploy",
            name: names.deploy,
            maxSessionDuration: DEPLOY_SESSION_SECONDS,
            trust: deployTrustPolicy(trust),
            managed: ["AdministratorAccess"],
            policies: { guardrails: deployGuardrailPolicy({ partition, accountId, app: config.app, environment: config.environment }) },
        },
        {
            kind: "preview",
            name: names.preview,
            maxSessionDuration: READ_SESSION_SECONDS,
            trust: previewTrustPolicy(trust),
            managed: ["ReadOnlyAccess"],
            policies: readOnly,
        },
        {
            kind: "drift",
            name: names.drift,
            maxSessionDuration: READ_SESSION_SECONDS,
            trust: driftTrustPolicy(trust),
            managed: ["ReadOnlyAccess"],
            policies: {
                ...readOnly,
                refresh: driftRefreshPolicy({
                    partition,
                    region: config.region,
                    accountId,
                    app: config.app,
                    environment: config.environment,
                }),
            },
        },
    ];
}
