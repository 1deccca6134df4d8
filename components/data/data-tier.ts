import * as pulumi from "@pulumi/pulumi";
import { Cache } from "./cache";
import { PlatformContext } from "../context";
import { DatabaseConfig } from "../config/schema/database";
import { CacheConfig } from "../config/schema/cache";
import { SecretsConfig } from "../config/schema/secrets";
import { ServicesConfig } from "../config/schema/services";
import { Database, DatabaseArgs } from "./database";
import { EncryptionKeys } from "../security/keys";
import { Network } from "../network/network";
import { SecretRotations } from "./rotation/rotations";
import { Secrets } from "./secrets";
import { servicesReading } from "./service-secrets";
import { sharedEntries } from "./shared-entries";

export interface DataTierDeps {
    keys: EncryptionKeys;
    network: Network;
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    /** Externally issued entries other areas need, with their document keys (see Secrets). */
    externalSecrets?: Record<string, readonly string[]>;
    /** Entries whose name another service dictates, by entry (see Secrets). */
    secretPhysicalNames?: Record<string, string>;
    /** Logins for tools careplane installs, by entry name, with the user name (see Secrets). */
    logins?: Record<string, string>;
    /** The roles people assume to log in to PostgreSQL with IAM (see Database). */
    peopleRoles: DatabaseArgs["peopleRoles"];
    /** The in-VPC CI runner's security group, admitted to the databases on 5432. */
    deployerSecurityGroupId?: pulumi.Input<string>;
    /** The data tier's config slices, and the services that read its entries. */
    config: { database: DatabaseConfig; cache: CacheConfig; secrets: SecretsConfig; services: ServicesConfig };
    /** The VPC's range (`careplane:network.cidr`). */
    vpcCidr: string;
    /** Whether the Prometheus exporters (in the cluster, so on EKS only) get their logins. */
    exporters: boolean;
    /**
     * Regional failover [000]: a primary with a pilot light replicates the shared entries (sharedEntries) into the
     * pilot light's region under this key; a pilot light's database replicates the primary's (`sourceDatabase`, its
     * ARN) and it reads the shared entries as the primary's replicas.
     */
    failover?: { replicaRegion: string; replicaKeyArn: pulumi.Input<string> } | { sourceDatabase: string };
}

/** PostgreSQL, Redis and the Secrets Manager entries that hold their credentials. */
export function buildDataTier(context: PlatformContext, deps: DataTierDeps) {
    const { keys, network } = deps;
    const common = {
        context,
        vpcId: network.vpcId,
        subnetIds: network.subnetIds.data,
        dataKeyArn: keys.keys.data.arn,
        logsKeyArn: keys.keys.logs.arn,
    };
    const { config } = deps;
    const services = config.services;
    const shared = sharedEntries({ services, exporter: deps.exporters, names: config.secrets.names });
    const failover = deps.failover;
    const source = failover && "sourceDatabase" in failover ? failover.sourceDatabase : undefined;
    const database = new Database("database", {
        ...common,
        clientSecurityGroupIds: [network.clientSecurityGroupIds.postgres],
        services: servicesReading(services, "database"),
        availabilityZones: network.availabilityZones,
        secretsKeyArn: keys.keys.secrets.arn,
        accountId: deps.accountId,
        partition: deps.partition,
        peopleRoles: deps.peopleRoles,
        deployerSecurityGroupId: deps.deployerSecurityGroupId,
        config: config.database,
        vpcCidr: deps.vpcCidr,
        secrets: config.secrets,
        exporter: deps.exporters,
        source,
    });
    const cache = new Cache("cache", {
        ...common,
        clientSecurityGroupIds: [network.clientSecurityGroupIds.redis],
        services: servicesReading(services, "redis"),
        config: config.cache,
        passwordLength: config.secrets.length,
        exporter: deps.exporters,
    });
    const secrets = new Secrets("secrets", {
        context,
        kmsKeyArn: keys.keys.secrets.arn,
        documents: { ...database.secretDocuments, ...cache.secretDocuments },
        external: deps.externalSecrets,
        physicalNames: deps.secretPhysicalNames,
        logins: deps.logins,
        accountId: deps.accountId,
        partition: deps.partition,
        config: config.secrets,
        replication:
            failover && "replicaRegion" in failover
                ? { entries: shared, region: failover.replicaRegion, kmsKeyArn: failover.replicaKeyArn }
                : undefined,
        replicatedFromPrimary: source ? shared : undefined,
    });
    const rotations = new SecretRotations("rotation", {
        context,
        entries: [...database.masterEntries, ...secrets.entries],
        vpcId: network.vpcId,
        appSubnetIds: network.subnetIds.app,
        secretsKeyArn: keys.keys.secrets.arn,
        logsKeyArn: keys.keys.logs.arn,
        accountId: deps.accountId,
        partition: deps.partition,
        rotationDays: config.secrets.rotationDays,
    });
    return {
        /** For the backup and monitoring areas (instance identifiers, replication group, ARNs). */
        database,
        cache,
        secrets,
        /** The entries this primary replicates into its pilot light's region (none elsewhere). */
        replicatedEntries: failover && "replicaRegion" in failover ? shared : [],
        /** Rotation failures and partner-issued entries' ages, for the monitoring area. */
        rotationAlerts: rotations.alerts,
        /** The rotation functions' roles by entry: the entries' policies let them read and write. */
        rotators: rotations.rotators,
        outputs: {
            database: {
                endpoint: database.endpoint,
                readerEndpoints: database.readerEndpoints,
                instanceIdentifiers: database.instanceIdentifiers,
                instanceArns: database.instanceArns,
                masterUserSecretArn: database.masterUserSecretArn,
                securityGroupId: database.securityGroupId,
                analytics: database.analytics,
            },
            cache: {
                primaryEndpoint: cache.primaryEndpoint,
                readerEndpoint: cache.readerEndpoint,
                arn: cache.arn,
                replicationGroupId: cache.replicationGroupId,
                securityGroupId: cache.securityGroupId,
            },
            /** Secrets Manager entry ARNs by short name (api/database, api/redis, jwt, smtp, database-master, ...). */
            secretArns: { ...secrets.arns, ...Object.fromEntries(database.masterEntries.map((e) => [e.entry, e.arn])) },
        },
    };
}
