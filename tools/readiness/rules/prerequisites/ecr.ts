// What ECR requires of a pull-through cache rule's credential and of the template its repositories are created from.
import { list, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

/**
 * Upstream registries ECR reaches only with a Secrets Manager credential ("Sync an upstream registry with an
 * Amazon ECR private registry": Docker Hub, Azure Container Registry, GitHub Container Registry, GitLab Container
 * Registry, Chainguard Registry).
 */
const AUTHENTICATED_UPSTREAM = /^(registry-1\.docker\.io|ghcr\.io|registry\.gitlab\.com|cgr\.dev|[a-z0-9-]+\.azurecr\.io)$/;
const CREDENTIAL_PREFIX = "ecr-pullthroughcache/";

export const pullThroughCacheCredential = stackRule(
    {
        id: "prerequisites/ecr-pull-through-credential",
        family: "prerequisites",
        description: `A pull-through cache rule for an upstream that needs authentication names a Secrets Manager credential whose name begins with ${CREDENTIAL_PREFIX}`,
        source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreatePullThroughCacheRule.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.pullThroughCacheRule).flatMap((r) => {
            const upstream = str(r.inputs.upstreamRegistryUrl) ?? "";
            if (r.inputs.credentialArn === undefined) {
                if (!AUTHENTICATED_UPSTREAM.test(upstream)) return [];
                return [
                    ctx.finding(rule, r, {
                        message: `ECR refuses a rule for ${upstream} without credentialArn: that registry requires authentication`,
                        awsError: "UnsupportedUpstreamRegistryException",
                        fix: `store the registry's { username, accessToken } in a secret named ${CREDENTIAL_PREFIX}<name> and pass its ARN as credentialArn`,
                    }),
                ];
            }
            const secret = ctx.referenced(r, "credentialArn", T.secret);
            const name = secret ? str(secret.inputs.name) : undefined;
            if (name === undefined || name.startsWith(CREDENTIAL_PREFIX)) return [];
            return [
                ctx.finding(rule, r, {
                    message: `ECR refuses credentialArn of the secret "${name}": the ARN must name a secret under ${CREDENTIAL_PREFIX} (and ECR's service-linked role reads only those)`,
                    awsError: "ValidationException",
                    fix: `name the secret ${CREDENTIAL_PREFIX}${name}`,
                }),
            ];
        }),
);

export const creationTemplateRole = stackRule(
    {
        id: "prerequisites/ecr-creation-template-role",
        family: "prerequisites",
        description: "A repository creation template that sets a KMS key or resource tags names the role ECR creates the repositories with",
        source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates-create.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.repositoryCreationTemplate).flatMap((t) => {
            const kms = list<{ kmsKey?: unknown }>(t.inputs.encryptionConfigurations).some((c) => c.kmsKey !== undefined);
            const tags = Object.keys((t.inputs.resourceTags ?? {}) as object).length > 0;
            if ((!kms && !tags) || t.inputs.customRoleArn !== undefined) return [];
            return [
                ctx.finding(rule, t, {
                    message: `ECR cannot create the ${str(t.inputs.prefix) ?? ""}/ repositories: the template sets ${[kms && "a KMS key", tags && "resource tags"].filter(Boolean).join(" and ")} without customRoleArn, the role that may create, tag and encrypt them`,
                    awsError: "a failed first pull (the repository is never created)",
                    fix: "pass customRoleArn: a role trusted by ecr.amazonaws.com allowed ecr:CreateRepository, ecr:TagResource and kms:CreateGrant, kms:RetireGrant, kms:DescribeKey on the key",
                }),
            ];
        }),
);

/** What each scan type scans with: basic scans on push or by hand; continuous scanning is Amazon Inspector's (enhanced). */
const FREQUENCIES: Record<string, string[]> = { BASIC: ["SCAN_ON_PUSH", "MANUAL"], ENHANCED: ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"] };

export const registryScanFrequency = stackRule(
    {
        id: "prerequisites/ecr-registry-scan-frequency",
        family: "prerequisites",
        description:
            "A registry scanning rule's frequency is one its scan type supports: SCAN_ON_PUSH (or MANUAL) for BASIC, SCAN_ON_PUSH or CONTINUOUS_SCAN for ENHANCED",
        source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_RegistryScanningRule.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.registryScanningConfiguration).flatMap((c) => {
            const scanType = str(c.inputs.scanType) ?? "BASIC";
            const supported = FREQUENCIES[scanType] ?? [];
            return list<{ scanFrequency?: string }>(c.inputs.rules)
                .filter((r) => r.scanFrequency !== undefined && !supported.includes(r.scanFrequency))
                .map((r) =>
                    ctx.finding(rule, c, {
                        message: `ECR refuses scanFrequency ${r.scanFrequency} in a ${scanType} registry scanning configuration: it supports ${supported.join(" and ")}`,
                        awsError: "ValidationException",
                        fix:
                            scanType === "BASIC"
                                ? 'scanFrequency "SCAN_ON_PUSH", or scanType "ENHANCED" (Amazon Inspector) for continuous scanning'
                                : 'scanFrequency "SCAN_ON_PUSH" or "CONTINUOUS_SCAN"',
                    }),
                );
        }),
);
