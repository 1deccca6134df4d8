// Which Secrets Manager entry a service reads for each name it lists in careplane:services.<s>.secrets.

/**
 * Credentials each service gets its own copy of: a `database` login of its own (member of app_rw) and a
 * Redis user limited to its own keys. The service still lists `database` and `redis` (and still reads
 * them as DATABASE_* and REDIS_* variables); the entries behind them are its own.
 */
export const PER_SERVICE_SECRETS = ["database", "redis"] as const;
export type PerServiceSecret = (typeof PER_SERVICE_SECRETS)[number];

/** `<service>/<name>` for a per-service credential, the shared entry's name otherwise. */
export function serviceSecretEntry(service: string, secret: string): string {
    return (PER_SERVICE_SECRETS as readonly string[]).includes(secret) ? `${service}/${secret}` : secret;
}

/**
 * What a service reads for the names it lists, as (variable prefix, entry): with an analytics database, `database`
 * brings the service's login there too (`ANALYTICS_DATABASE` from `<service>/analytics-database`).
 */
export function serviceEntries(service: string, secrets: string[], analyticsDatabase: boolean): Array<{ secret: string; entry: string }> {
    return secrets.flatMap((secret) => [
        { secret, entry: serviceSecretEntry(service, secret) },
        ...(secret === "database" && analyticsDatabase
            ? [{ secret: "analytics-database", entry: analyticsEntry(serviceSecretEntry(service, secret)) }]
            : []),
    ]);
}

/**
 * The entry of a database login on the analytics database (`<service>/analytics-database`,
 * `analytics-database-migration`, ...): a rotation changes a login's password on one database only, so
 * each database's logins have entries of their own.
 */
export function analyticsEntry(entry: string): string {
    const slash = entry.lastIndexOf("/");
    return `${entry.slice(0, slash + 1)}analytics-${entry.slice(slash + 1)}`;
}

/** The services (by name) that list a per-service secret, in config order. */
export function servicesReading(services: Record<string, { secrets: string[] }>, secret: PerServiceSecret): string[] {
    return Object.entries(services)
        .filter(([, svc]) => svc.secrets.includes(secret))
        .map(([name]) => name);
}

/** The entry redis_exporter reads its read-only Redis user from; no service may list it. */
export const REDIS_MONITORING_ENTRY = "redis-monitoring";
/** The user name redis_exporter authenticates as. */
export const REDIS_EXPORTER_USER = "redis-exporter";
