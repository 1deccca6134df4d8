import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataClassification, PlatformContext } from "../context";
import { KeyClass, keyDeleters, keyPolicyDocument, stackKey } from "./keys";

export interface RegionKeyArgs {
    context: PlatformContext;
    /** The other region (KMS keys never leave theirs). */
    region: string;
    /** careplane:account.id: the provider refuses credentials of any other account, as the stack's own (aws:allowedAccountIds) does. */
    allowedAccountId: string;
    keyClass: KeyClass;
    /** `alias/<app>-<env>-<alias>`. */
    alias: string;
    description: string;
    classification: DataClassification;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** A provider already bound to that region, for a second key there; without it one is made, named `name`. */
    provider?: aws.Provider;
}

export interface RegionKey {
    provider: aws.Provider;
    key: aws.kms.Key;
}

/**
 * An AWS provider bound to another region, configured as the stack's own (pinned to the stack's account, the
 * stack's default tags if its config sets any), and a key of one class there with that class's policy written
 * for that region. The provider is `name`, the key `<name>-<keyClass>`.
 */
export function regionKey(name: string, args: RegionKeyArgs, parent: pulumi.Resource): RegionKey {
    const ctx = args.context;
    const defaultTags = new pulumi.Config("aws").getObject<aws.types.input.ProviderDefaultTags>("defaultTags");
    const provider =
        args.provider ??
        new aws.Provider(
            name,
            { region: args.region, allowedAccountIds: [args.allowedAccountId], ...(defaultTags ? { defaultTags } : {}) },
            { parent },
        );
    const key = stackKey(
        `${name}-${args.keyClass}`,
        {
            context: ctx,
            alias: args.alias,
            description: args.description,
            classification: args.classification,
            accountId: args.accountId,
            partition: args.partition,
            tags: { KeyClass: args.keyClass, Region: args.region },
            policy: (account) =>
                keyPolicyDocument({ ...account, keyClass: args.keyClass, region: args.region, deleters: keyDeleters(ctx, args.keyClass) }),
        },
        { parent, provider },
    );
    return { provider, key };
}
