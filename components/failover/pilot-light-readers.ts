import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { MONITORING_LOGIN_ENTRY } from "../data/database-roles";
import { secretName } from "../data/secrets";
import { serviceSecretEntry } from "../data/service-secrets";
import { addSecretReader, SecretReaders } from "../security/secret-read-policies";

/** The role a postgres_exporter reader assumes (`<app>-<env>-postgres-exporter`; monitoring/monitoring.ts). */
export const POSTGRES_EXPORTER_ROLE = "postgres-exporter";

/**
 * A pilot light's service roles carry names its primary can write down beforehand: Secrets Manager copies an
 * entry's resource policy to its replicas, and that policy admits readers by role ARN ("Replicate secrets across
 * Regions": replicas carry the primary's "tags and resource policies").
 */
export function pilotLightServiceRoleName(ctx: PlatformContext, service: string): string {
    return ctx.boundedName(`${service}-workload`, 64);
}

/**
 * Who reads each replicated entry in the pilot light, by entry name, for the primary's resource policies: each
 * service's role for the shared entries it lists, and postgres_exporter's reader for the monitoring login.
 */
export function pilotLightReaders(args: {
    /** The pilot light's context: its names. */
    pilotLight: PlatformContext;
    /** The entries the primary replicates (sharedEntries). */
    shared: string[];
    services: Record<string, { secrets: string[] }>;
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
}): SecretReaders {
    const ctx = args.pilotLight;
    const role = (name: string) => pulumi.interpolate`arn:${args.partition}:iam::${args.accountId}:role/${name}`;
    const readers: SecretReaders = {};
    for (const [service, svc] of Object.entries(args.services)) {
        const entries = svc.secrets.map((s) => serviceSecretEntry(service, s)).filter((e) => args.shared.includes(e));
        addSecretReader(
            readers,
            entries.map((e) => secretName(ctx, e)),
            role(pilotLightServiceRoleName(ctx, service)),
        );
    }
    if (args.shared.includes(MONITORING_LOGIN_ENTRY))
        addSecretReader(readers, [secretName(ctx, MONITORING_LOGIN_ENTRY)], role(ctx.name(POSTGRES_EXPORTER_ROLE)));
    return readers;
}
