// Trust decisions for roles that GitHub's OIDC tokens assume, evaluated by iam-simulate.
//
// iam-simulate's checked entry point keeps only the context keys its action table lists for
// sts:AssumeRoleWithWebIdentity, and that table lacks `token.actions.githubusercontent.com:sub`
// and `:aud` (STS has validated both since GitHub's OIDC provider existed; the table does list the
// claims STS added in 2026: ref, environment, job_workflow_ref, ...). Dropped, every condition on
// them fails as missing and every token is denied. So these requests go through its unchecked entry
// point, whose resource-policy analysis reads a policy name its loader leaves unset when none is
// given: the loader is wrapped to give one.
import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import * as path from "path";
import { GITHUB_OIDC_HOST } from "../../components/security/ci-trust-policies";
import { PolicyDocument } from "./policies";
import { Decision } from "./simulate";

const parser = require(path.join(path.dirname(require.resolve("@cloud-copilot/iam-policy")), "parser.js"));
const load = parser.loadPolicy;
parser.loadPolicy = (document: unknown, metadata?: unknown) => load(document, metadata ?? { name: "trust policy" });

/** The claims of a GitHub Actions OIDC token (the parts a trust policy can read). */
export interface GithubToken {
    sub: string;
    aud: string;
    ref: string;
    environment?: string;
    job_workflow_ref: string;
    repository: string;
}

export function assumeWithToken(trust: PolicyDocument, providerArn: string, roleArn: string, token: GithubToken): Decision {
    const context = Object.fromEntries(
        Object.entries(token)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [`${GITHUB_OIDC_HOST}:${k}`, v as string]),
    );
    const account = /::(\d{12}):/.exec(roleArn)![1];
    const result = runUnsafeSimulation(
        {
            request: {
                principal: providerArn,
                action: "sts:AssumeRoleWithWebIdentity",
                resource: { resource: roleArn, accountId: account },
                contextVariables: context,
            },
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: trust,
        },
        {},
    );
    return result as unknown as Decision;
}

/**
 * A request decided with every context key kept: iam-simulate's checked entry point also drops
 * `kms:EncryptionContext:<key>` (a variable key its table spells with `${...}`), which Secrets
 * Manager sends on every decryption.
 */
export function decideWithAllKeys(r: {
    resourcePolicy?: PolicyDocument;
    principal: string;
    identityPolicies: Array<{ name: string; policy: PolicyDocument }>;
    action: string;
    resource: string;
    context: Record<string, string>;
}): Decision {
    const account = /::(\d{12}):/.exec(r.principal)![1];
    return runUnsafeSimulation(
        {
            request: {
                principal: r.principal,
                action: r.action,
                resource: { resource: r.resource, accountId: account },
                contextVariables: r.context,
            },
            identityPolicies: r.identityPolicies,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            ...(r.resourcePolicy ? { resourcePolicy: r.resourcePolicy } : {}),
        },
        {},
    ) as unknown as Decision;
}
