import { MONITORING_LOGIN_ENTRY } from "./database-roles";
import { serviceSecretEntry, servicesReading } from "./service-secrets";

/**
 * The entries a pilot light shares with its primary [000: Disaster Recovery, "Failover to Secondary Region"]: its
 * database is a read replica of the primary's, with the primary's roles and passwords, so the logins the services
 * and postgres_exporter use are the primary's; the services sign and verify with the primary's JWT key and send
 * mail as the primary does. The primary replicates these into the DR region (Secrets Manager replicas, which
 * follow every rotation); the pilot light creates none of them and reads them there by their names. Every other
 * entry is each stack's own: the Redis users (each stack has its own cache), the tools' logins, issued keys.
 */
export function sharedEntries(args: { services: Record<string, { secrets: string[] }>; exporter: boolean; names: string[] }): string[] {
    return [
        ...servicesReading(args.services, "database").map((service) => serviceSecretEntry(service, "database")),
        ...(args.exporter ? [MONITORING_LOGIN_ENTRY] : []),
        "jwt",
        "smtp",
        ...args.names,
    ];
}
