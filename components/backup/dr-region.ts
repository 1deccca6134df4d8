import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { keyPolicyDocument } from "../security/keys";

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

        this.backupsKey = new aws.kms.Key(
            `${name}-backups`,
            {
                description: `${ctx.name("backups-dr")}: encrypts backups replicated to ${args.region}`,
                enableKeyRotation: true,
                rotationPeriodInDays: 365,
                deletionWindowInDays: 30,
                policy: pulumi.all([args.accountId, args.partition]).apply(([accountId, partition]) =>
                    JSON.stringify(
                        keyPolicyDocument({
                            keyClass: "backups",
                            accountId,
                            partition,
                            region: args.region,
                            allowDeletion: !ctx.isProd,
                        }),
                    ),
                ),
                tags: ctx.tags("phi", { KeyClass: "backups", Region: args.region }),
            },
            ctx.stateful(inRegion),
        );
        new aws.kms.Alias(`${name}-backups`, { name: `alias/${ctx.name("backups-dr")}`, targetKeyId: this.backupsKey.keyId }, inRegion);
        this.registerOutputs({ region: this.region, backupsKeyArn: this.backupsKey.arn });
    }
}
