import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataRefreshConfig } from "../config/schema/data-refresh";
import { PlatformContext } from "../context";
import { KeyAdministrationInput, keyAdministration, keyDeleters, stackKey, useThroughServices } from "./keys";

/**
 * What an account receiving a shared snapshot does with the key it is encrypted under: copy it
 * under its own key (RDS decrypts and re-encrypts through a grant it creates for the copy).
 * Amazon RDS User Guide, "Sharing encrypted snapshots" / "Allowing access to an AWS KMS key": the
 * receiving account needs kms:CreateGrant and kms:DescribeKey with the cryptographic operations
 * RDS performs for the copy; its example also grants kms:Encrypt, which a copy into the receiver's
 * own key never calls, and ListGrants/RevokeGrant for persistent attachments, which a copy is not
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html).
 */
export const receiverActions = ["kms:DescribeKey", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

export interface DataRefreshKeyPolicyInput extends KeyAdministrationInput {
    region: string;
    /** The accounts scrubbed snapshots are shared with (`careplane:dataRefresh.targets`). */
    targets: Array<{ environment: string; account: string }>;
}

/**
 * The share key's policy: administered like every careplane key; used through RDS in this region
 * only, by prod's break-glass role (which runs the scrub, docs/runbooks.md "Refresh staging from
 * prod": it copies the scrubbed snapshot under this key) and by each target account (which copies
 * the shared snapshot under its own key). Grants only for RDS's own resources
 * (kms:GrantIsForAWSResource). Cross-account use also needs the receiving principal's own IAM
 * policy to allow it ("Allowing users in other accounts to use a KMS key", AWS KMS Developer Guide).
 */
export function dataRefreshKeyPolicy(p: DataRefreshKeyPolicyInput) {
    const throughRds = { partition: p.partition, region: p.region, services: ["rds"] };
    return {
        Version: "2012-10-17",
        Statement: [
            ...keyAdministration(p),
            ...useThroughServices({
                ...throughRds,
                accountId: p.accountId,
                principalArn: p.principals.breakGlassRole,
                sids: { use: "ScrubRoleCopiesThroughRds", grant: "ScrubRoleGrantsRdsItsCopies" },
            }),
            ...p.targets.flatMap((t) => {
                const env = t.environment[0].toUpperCase() + t.environment.slice(1);
                return useThroughServices({
                    ...throughRds,
                    accountId: t.account,
                    actions: receiverActions,
                    sids: { use: `${env}AccountCopiesSharedSnapshotsThroughRds`, grant: `${env}AccountGrantsRdsItsCopies` },
                });
            }),
        ],
    };
}

export interface DataRefreshKeyArgs {
    context: PlatformContext;
    config: NonNullable<DataRefreshConfig>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * The prod key scrubbed snapshots are shared under [000: staging on a recent anonymized production
 * backup; 001: staging on an anonymized production data subset]: RDS refuses to share a snapshot
 * encrypted with the AWS managed key, and prod's data key admits no other account. It never
 * encrypts PHI: refresh.sh copies a snapshot under it only after the anonymize script has run.
 */
export class DataRefreshKey extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: DataRefreshKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:security:DataRefreshKey", name, {}, opts);
        const ctx = args.context;
        this.key = stackKey(
            name,
            {
                context: ctx,
                alias: "data-refresh",
                description: `shares scrubbed database snapshots with ${args.config.targets.map((t) => t.environment).join(" and ")}`,
                classification: "confidential",
                accountId: args.accountId,
                partition: args.partition,
                tags: { KeyClass: "data-refresh" },
                policy: (account) =>
                    dataRefreshKeyPolicy({
                        ...account,
                        region: ctx.region,
                        deleters: keyDeleters(ctx, "data-refresh"),
                        targets: args.config.targets,
                    }),
            },
            { parent: this },
        );
        this.arn = this.key.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
