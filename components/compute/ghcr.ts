// The names and ARNs of the GHCR path (pull-through-cache.ts), apart so that the keys, the image references and
// the node and task roles can name them without depending on the component.
import { PlatformContext } from "../context";
import { ServicesConfig } from "../config/schema/services";

/** The rule's repository prefix: GHCR images are cached as `ghcr/<owner>/<image>`. */
export const GHCR_PREFIX = "ghcr";
export const GHCR_UPSTREAM = "ghcr.io";
/** The prefix AWS requires of a pull-through cache credential's name. */
export const PULL_THROUGH_CACHE_SECRET_PREFIX = "ecr-pullthroughcache/";
/** The credential entry, as the Secrets component knows it, and the keys of its document. */
export const GHCR_CREDENTIAL_ENTRY = "ghcr";
export const GHCR_CREDENTIAL_KEYS = ["username", "accessToken"] as const;

/** Whether any service of the stack pulls its image from GHCR. */
export function usesGhcr(services: ServicesConfig): boolean {
    return Object.values(services).some((svc) => svc.registry === "ghcr");
}

/** `ecr-pullthroughcache/<app>/<env>/ghcr`: the prefix AWS requires, then careplane's own naming [000]. */
export function ghcrCredentialName(ctx: PlatformContext): string {
    return `${PULL_THROUGH_CACHE_SECRET_PREFIX}${ctx.app}/${ctx.environment}/${GHCR_CREDENTIAL_ENTRY}`;
}

/** The service-linked role ECR reads the credential as (created by AWS with the first pull-through cache rule). */
export function pullThroughCacheRoleArn(p: { partition: string; accountId: string }): string {
    return `arn:${p.partition}:iam::${p.accountId}:role/aws-service-role/pullthroughcache.ecr.amazonaws.com/AWSServiceRoleForECRPullThroughCache`;
}

/** The cache repositories of the GHCR rule, which ECR creates on the first pull of each image. */
export function ghcrRepositoriesArn(p: { partition: string; region: string; accountId: string }): string {
    return `arn:${p.partition}:ecr:${p.region}:${p.accountId}:repository/${GHCR_PREFIX}/*`;
}

/** What a node or task execution role adds to pull a GHCR image the cache does not hold yet, on the rule's repositories only. */
export function ghcrFirstPullStatement(p: { partition: string; region: string; accountId: string }) {
    return {
        Sid: "PullThroughCacheFromGhcr",
        Effect: "Allow",
        Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
        Resource: ghcrRepositoriesArn(p),
    };
}
