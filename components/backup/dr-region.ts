import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { keyDeleters, keyPolicyDocument, stackKey } from "../security/keys";

export interface DisasterRecoveryRegionArgs {
    context: PlatformContext;
    /** careplane:backup.drRegion: validated to differ from aws:region. */
    region: string;
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
        const ctx = args.context;
        this.region = args.region;
        this.provider = new aws.Provider(name, { region: args.region }, { parent: this });
        const inRegion = { parent: this, provider: this.provider };

        this.backupsKey = stackKey(
            `${name}-backups`,
            {
                context: ctx,
                alias: "backups-dr",
                description: `encrypts backups replicated to ${args.region}`,
                classification: "phi",
                accountId: args.accountId,
                partition: args.partition,
                tags: { KeyClass: "backups", Region: args.region },
                policy: (account) =>
                    keyPolicyDocument({ ...account, keyClass: "backups", region: args.region, deleters: keyDeleters(ctx, "backups") }),
            },
            inRegion,
        );
        this.registerOutputs({ region: this.region, backupsKeyArn: this.backupsKey.arn });
    }
}
