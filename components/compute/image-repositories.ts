import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { ServiceConfig } from "../config/schema/services";
import { GHCR_PREFIX } from "./ghcr";

/** Untagged images (layers of replaced pushes) are removed after this many days; tagged releases stay for rollback. */
export const UNTAGGED_IMAGE_DAYS = 14;

/** Every careplane repository's lifecycle: untagged images expire, tagged releases stay for rollback. */
export function untaggedImageLifecyclePolicy() {
    return {
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images after ${UNTAGGED_IMAGE_DAYS} days`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: UNTAGGED_IMAGE_DAYS },
                action: { type: "expire" },
            },
        ],
    };
}

/**
 * One ECR repository per service whose image the stack's registry holds (`registry: ecr`), named as the service's
 * `image`: tags are immutable (a tag names one build forever), every push is scanned, images are encrypted with KMS
 * (AWS's ECR key: images hold code, never PHI), and untagged images expire. Outside prod the repository goes with the stack, images and all; in prod AWS refuses
 * to delete a repository that holds images.
 */
export function imageRepositories(
    prefix: string,
    ctx: PlatformContext,
    services: Record<string, ServiceConfig>,
    opts: pulumi.CustomResourceOptions,
): void {
    for (const [name, svc] of Object.entries(services)) {
        // A GHCR image's repository is created by ECR on its first pull, from the pull-through cache's template.
        if (svc.registry !== "ecr") continue;
        const repository = new aws.ecr.Repository(
            `${prefix}-${name}`,
            {
                name: svc.image,
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "KMS" }],
                forceDelete: !ctx.isProd,
                tags: ctx.tags("internal", { Service: name }),
            },
            opts,
        );
        new aws.ecr.LifecyclePolicy(
            `${prefix}-${name}`,
            { repository: repository.name, policy: JSON.stringify(untaggedImageLifecyclePolicy()) },
            opts,
        );
    }
}

/**
 * What a pod or task runs: the service's repository in the stack's registry (under the pull-through cache's
 * `ghcr/` prefix for a GHCR image), by tag, and by digest where the stack pins one (prod always). Spelled from the account and region, known at preview, rather than from the repository's
 * URL, which a first preview does not know yet: the policies judge the reference the cluster will pull.
 */
export function imageReference(
    registry: { accountId: pulumi.Input<string>; region: string },
    svc: Pick<ServiceConfig, "registry" | "image" | "tag" | "digest">,
): pulumi.Output<string> {
    const repository = svc.registry === "ghcr" ? `${GHCR_PREFIX}/${svc.image}` : svc.image;
    return pulumi.interpolate`${registry.accountId}.dkr.ecr.${registry.region}.amazonaws.com/${repository}:${svc.tag}${svc.digest ? `@${svc.digest}` : ""}`;
}
