// Images pushed to GitHub Container Registry [002: REGISTRY=ghcr.io], pulled through the account's ECR pull-through
// cache: nodes and tasks pull `<account>.dkr.ecr.<region>.amazonaws.com/ghcr/<owner>/<image>` with their IAM role,
// ECR fetches the image from ghcr.io with the GitHub token stored once in Secrets Manager, and no registry token
// sits in a Kubernetes Secret. AWS's rules, from the Amazon ECR User Guide:
// - "Sync an upstream registry with an Amazon ECR private registry" (pull-through-cache.html): ghcr.io needs a
//   Secrets Manager secret whose name begins with `ecr-pullthroughcache/`, in the rule's account and Region; turning
//   on tag immutability for cache repositories "will prevent Amazon ECR from updating images using the same tag";
//   the first pull of an image may need a route to the internet (the app subnets' NAT gateways).
// - "Storing your upstream repository credentials in an AWS Secrets Manager secret": the document holds `username`
//   and `accessToken` (for GHCR a personal access token (classic) with read:packages).
// - "IAM permissions required to sync an upstream registry" (pull-through-cache-iam.html): the pulling principal
//   needs ecr:BatchImportUpstreamImage, and ecr:CreateRepository while the cache repository does not exist yet.
// - "Amazon ECR service-linked role for pull through cache" (slr-pullthroughcache.html): ECR reads the secret as
//   AWSServiceRoleForECRPullThroughCache, whose AWS-managed policy allows secretsmanager:GetSecretValue on
//   `ecr-pullthroughcache/*` and nothing in KMS: with a customer-managed key, the key policy must let it decrypt
//   (Secrets Manager user guide, "Secret encryption and decryption": the caller of GetSecretValue needs kms:Decrypt).
// - "Creating a repository creation template" (repository-creation-templates-create.html): the repositories ECR
//   creates on a first pull take their settings from the template of their prefix (else AES256, no lifecycle policy,
//   no tags); a template that sets KMS encryption or resource tags needs a custom role ECR assumes
//   (repository-creation-templates-custom.html: ecr:CreateRepository, ecr:TagResource, kms:CreateGrant,
//   kms:RetireGrant, kms:DescribeKey); MUTABLE is "recommended for repositories using pull through cache actions".
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { attachPolicy } from "../security/iam";
import { keyAdministration, keyDeleters, stackKey, useThroughServices } from "../security/keys";
import { serviceTrustPolicy } from "../security/trust-policies";
import { untaggedImageLifecyclePolicy } from "./image-repositories";
import { GHCR_PREFIX, GHCR_UPSTREAM, ghcrRepositoriesArn } from "./ghcr";

/** The repository creation template's role: create and tag the rule's repositories, and let ECR encrypt them with the cache's key. */
export function repositoryCreationRolePolicy(p: { partition: string; region: string; accountId: string; keyArn: string }) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CreateCacheRepositories",
                Effect: "Allow",
                Action: ["ecr:CreateRepository", "ecr:TagResource"],
                Resource: ghcrRepositoriesArn(p),
            },
            {
                Sid: "EncryptCacheRepositoriesThroughEcr",
                Effect: "Allow",
                Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"],
                Resource: p.keyArn,
                Condition: { StringEquals: { "kms:ViaService": `ecr.${p.region}.amazonaws.com` } },
            },
        ],
    };
}

export interface GhcrPullThroughCacheArgs {
    context: PlatformContext;
    /** The `ecr-pullthroughcache/` entry holding `{ username, accessToken }`, and its first version (ECR reads it on create). */
    credential: { arn: pulumi.Input<string>; version: pulumi.Resource };
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * The account's pull-through cache rule for ghcr.io, and the template the repositories it creates follow: KMS
 * encryption with a key of their own (ECR's AWS-managed key has no ARN before its first use), careplane's tags,
 * the untagged-image lifecycle, and mutable tags, which ECR needs to refresh a cached tag (prod pods pull by digest).
 */
export class GhcrPullThroughCache extends pulumi.ComponentResource {
    readonly ruleRepositoryPrefix: pulumi.Output<string>;

    constructor(name: string, args: GhcrPullThroughCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:compute:GhcrPullThroughCache", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };
        // Its own key, used through ECR alone: ECR's AWS-managed key (aws/ecr) exists only once ECR first used it in
        // the account, so the creation role could not be given its ARN, only every key of the account.
        const key = stackKey(
            `${name}-images`,
            {
                context: ctx,
                alias: "ghcr-images",
                description: `encrypts the images the ${GHCR_UPSTREAM} pull-through cache holds`,
                classification: "internal",
                accountId: args.accountId,
                partition: args.partition,
                tags: { KeyClass: "images" },
                policy: (account) => ({
                    Version: "2012-10-17",
                    Statement: [
                        ...keyAdministration({ ...account, deleters: keyDeleters(ctx, "images") }),
                        ...useThroughServices({ ...account, region: ctx.region, services: ["ecr"] }),
                    ],
                }),
            },
            child,
        );
        const creationRole = new aws.iam.Role(
            `${name}-repository-creation`,
            {
                description: `ECR creates the ${GHCR_PREFIX}/ cache repositories with this role (KMS encryption and tags)`,
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ecr.amazonaws.com")),
                tags: ctx.tags("internal"),
            },
            child,
        );
        const creationPolicy = attachPolicy(
            `${name}-repository-creation`,
            ctx,
            creationRole,
            `Create, tag and encrypt the ${GHCR_PREFIX}/ cache repositories`,
            pulumi
                .all([args.partition, args.accountId, key.arn])
                .apply(([partition, accountId, keyArn]) =>
                    JSON.stringify(repositoryCreationRolePolicy({ partition, region: ctx.region, accountId, keyArn })),
                ),
            child,
        );
        // Before the rule: a first pull must find the template, else ECR creates an unencrypted repository for good.
        const template = new aws.ecr.RepositoryCreationTemplate(
            `${name}-template`,
            {
                prefix: GHCR_PREFIX,
                description: `Repositories the ${GHCR_UPSTREAM} pull-through cache creates`,
                appliedFors: ["PULL_THROUGH_CACHE"],
                imageTagMutability: "MUTABLE",
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }],
                lifecyclePolicy: JSON.stringify(untaggedImageLifecyclePolicy()),
                resourceTags: ctx.tags("internal", { Registry: GHCR_PREFIX }),
                customRoleArn: creationRole.arn,
            },
            { ...child, dependsOn: [creationPolicy] },
        );
        const rule = new aws.ecr.PullThroughCacheRule(
            `${name}-rule`,
            { ecrRepositoryPrefix: GHCR_PREFIX, upstreamRegistryUrl: GHCR_UPSTREAM, credentialArn: args.credential.arn },
            { ...child, dependsOn: [template, args.credential.version] },
        );
        this.ruleRepositoryPrefix = rule.ecrRepositoryPrefix;
        this.registerOutputs({ ruleRepositoryPrefix: this.ruleRepositoryPrefix });
    }
}
