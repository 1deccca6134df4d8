import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataClassification, PlatformContext } from "../context";
import { cloudWatchRetentionDays, profiles } from "../config/profiles";

/**
 * What a log group holds decides how long it is kept: application logs for the environment's
 * operational floor (30 days [003, 004]); audit-grade logs (flow, database, API, trail, access)
 * for its audit floor (1 year in prod). The policy pack reads the class from the LogClass tag.
 */
export type LogClass = "application" | "audit";

/** The environment's floor for a class of logs, in days. */
export function logRetentionFloor(ctx: PlatformContext, logClass: LogClass): number {
    const profile = profiles[ctx.environment];
    return logClass === "audit" ? profile.auditLogRetentionDays : profile.logRetentionDays;
}

/**
 * Names AWS services give the log groups they would otherwise create themselves, with no
 * retention and no key. Create these groups first (with `logGroup`) under exactly these names.
 */
export const serviceLogGroupNames = {
    eksCluster: (clusterName: string) => `/aws/eks/${clusterName}/cluster`,
    rdsInstance: (instanceIdentifier: string, logType: string) => `/aws/rds/instance/${instanceIdentifier}/${logType}`,
    lambdaFunction: (functionName: string) => `/aws/lambda/${functionName}`,
};

export interface LogGroupArgs {
    context: PlatformContext;
    /** The group's full name, e.g. `/careplane/<app>-<env>-api` or a `serviceLogGroupNames` entry. */
    name: pulumi.Input<string>;
    logClass: LogClass;
    /** The stack's logs key (EncryptionKeys.keys.logs.arn). */
    logsKeyArn: pulumi.Input<string>;
    /** Defaults to confidential: logs can carry identifiers even when the service holds no PHI. */
    classification?: DataClassification;
    /** A validated config value that raises the floor; a value below the floor is a program error. */
    retentionInDays?: number;
}

/**
 * A CloudWatch log group kept for its class's retention and encrypted with the logs key. Every
 * log group the program creates goes through here, so none is kept forever or left unencrypted.
 */
export function logGroup(resourceName: string, args: LogGroupArgs, opts?: pulumi.CustomResourceOptions): aws.cloudwatch.LogGroup {
    const floor = logRetentionFloor(args.context, args.logClass);
    const days = args.retentionInDays ?? floor;
    if (days < floor || !(cloudWatchRetentionDays as readonly number[]).includes(days)) {
        throw new Error(`log group ${resourceName}: ${days} days is not a CloudWatch retention of at least ${floor} days`);
    }
    return new aws.cloudwatch.LogGroup(
        resourceName,
        {
            name: args.name,
            retentionInDays: days,
            kmsKeyId: args.logsKeyArn,
            tags: args.context.tags(args.classification ?? "confidential", { LogClass: args.logClass }),
        },
        opts,
    );
}
