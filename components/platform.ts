import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "./config";
import { PlatformContext } from "./context";
import { EncryptionKeys } from "./keys";
import { Network } from "./network";

/** Builds every area of the platform for one stack; index.ts exports what this returns. */
export function buildPlatform(config: StackConfig) {
    const context = new PlatformContext(config);
    const identity = aws.getCallerIdentityOutput();
    const partition = aws.getPartitionOutput().partition;

    const keys = new EncryptionKeys("keys", { context, accountId: identity.accountId, partition });
    const network = new Network("network", { context, logsKeyArn: keys.keys.logs.arn, accountId: identity.accountId });

    return {
        environment: config.environment,
        profile: {
            uptime: config.profile.uptime,
            slaPercent: config.profile.slaPercent,
            backupRetentionDays: config.backup.retentionDays,
            rpoHours: config.profile.rpoHours,
            rtoHours: config.profile.rtoHours,
        },
        vpcId: network.vpcId,
        subnetIds: network.subnetIds,
        keyArns: pulumi.output(Object.fromEntries(Object.entries(keys.keys).map(([c, k]) => [c, k.arn]))),
    };
}
