// Values a partner issues (a mail provider's SMTP login, PagerDuty and Slack keys) cannot be rotated
// by careplane: the on-call owner stores each new one. What careplane can do is know their age: once a
// day this publishes, per entry, the days since its current value was stored, and a CloudWatch alarm
// per entry fires past the rotation period (or when the figure stops coming).

/** The metric the age alarms read: namespace, name, and the one dimension. */
export const SECRET_AGE_METRIC = { namespace: "careplane/Secrets", name: "SecretAgeDays", dimension: "SecretName" } as const;

export interface SecretVersionsApi {
    /** Each version's stages and creation time. */
    listVersions(secretId: string): Promise<Array<{ stages: string[]; created: Date }>>;
}

export interface MetricsApi {
    putAges(namespace: string, ages: Array<{ secretName: string; days: number }>): Promise<void>;
}

const DAY_MS = 24 * 3600 * 1000;

/** Days since each entry's AWSCURRENT version was stored; an entry without one is reported as a failure. */
export async function publishSecretAges(
    secretNames: string[],
    versions: SecretVersionsApi,
    metrics: MetricsApi,
    now: Date,
): Promise<Array<{ secretName: string; days: number }>> {
    const ages: Array<{ secretName: string; days: number }> = [];
    const missing: string[] = [];
    for (const secretName of secretNames) {
        const current = (await versions.listVersions(secretName)).find((v) => v.stages.includes("AWSCURRENT"));
        if (!current) missing.push(secretName);
        else ages.push({ secretName, days: Math.floor((now.getTime() - current.created.getTime()) / DAY_MS) });
    }
    if (ages.length > 0) await metrics.putAges(SECRET_AGE_METRIC.namespace, ages);
    // No figure for an entry leaves its alarm without data, which it treats as breaching.
    if (missing.length > 0) throw new Error(`no current version of ${missing.join(", ")}`);
    return ages;
}
