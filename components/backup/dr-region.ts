import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { regionKey } from "../security/region-key";
import { SECRET_REPLICAS_KEY } from "../security/secret-read-policies";

export interface DisasterRecoveryRegionArgs {
    context: PlatformContext;
    /** careplane:backup.drRegion: validated to differ from aws:region. */
    region: string;
    /** careplane:account.id, which the region's provider is pinned to. */
    allowedAccountId: string;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** A primary with a pilot light there: a secrets key in that region too, for the entries it replicates. */
    secretReplicas?: boolean;
}

/**
 * The second region backups survive in [000: regional failover]: an AWS provider bound to it and
 * a backups key of its own there (KMS keys never leave their region); for a primary with a pilot light
 * there, a secrets key too, which encrypts the replicas of the entries the pilot light shares.
 */
export class DisasterRecoveryRegion extends pulumi.ComponentResource {
    readonly region: string;
    readonly provider: aws.Provider;
    readonly backupsKey: aws.kms.Key;
    /** Encrypts the secret replicas in that region; only with `secretReplicas`. */
    readonly secretsKey?: aws.kms.Key;

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
        // Its policy lets Secrets Manager in that region use it for this account's callers alone (keyPolicyDocument).
        this.secretsKey = args.secretReplicas
            ? regionKey(
                  name,
                  {
                      context: args.context,
                      region: args.region,
                      allowedAccountId: args.allowedAccountId,
                      keyClass: "secrets",
                      alias: SECRET_REPLICAS_KEY,
                      description: `encrypts the secret replicas in ${args.region} that the pilot light there reads`,
                      classification: "confidential",
                      accountId: args.accountId,
                      partition: args.partition,
                      provider,
                  },
                  this,
              ).key
            : undefined;
        this.registerOutputs({ region: this.region, backupsKeyArn: this.backupsKey.arn, secretsKeyArn: this.secretsKey?.arn });
    }
}
