import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { regionKey } from "../security/region-key";

export interface DisasterRecoveryRegionArgs {
    context: PlatformContext;
    /** careplane:backup.drRegion: validated to differ from aws:region. */
    region: string;
    /** careplane:account.id, which the region's provider is pinned to. */
    allowedAccountId: string;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * The second region backups survive in [000: regional failover]: an AWS provider bound to it and
 * a backups key of its own there (KMS keys never leave their region).
 */
export class DisasterRecoveryRegion extends pulumi.ComponentResource {
    readonly region: string;
    readonly provider: aws.Provider;
    readonly backupsKey: aws.kms.Key;

    constructor(name: string, args: DisasterRecoveryRegionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:backup:DisasterRecoveryRegion", name, {}, opts);
        this.region = args.region;
        const { provider, key } = regionKey(
            name,
            {
                context: args.context,
                region: args.region,
                allowedAccountId: args.allowedAccountId,
                keyClass: "backups",
                alias: "backups-dr",
                description: `encrypts backups replicated to ${args.region}`,
                classification: "phi",
                accountId: args.accountId,
                partition: args.partition,
            },
            this,
        );
        this.provider = provider;
        this.backupsKey = key;
        this.registerOutputs({ region: this.region, backupsKeyArn: this.backupsKey.arn });
    }
}
