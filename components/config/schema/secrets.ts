import { z } from "zod";
import { Environment } from "../profiles";
import { RECEIVER_ENTRY } from "../../monitoring/alertmanager-routing";
import { GRAFANA_ENTRY } from "./monitoring";
import { MIGRATION_LOGIN_ENTRY, MONITORING_LOGIN_ENTRY } from "../../data/database-roles";
import { REDIS_MONITORING_ENTRY } from "../../data/service-secrets";

/**
 * The names a service may list without declaring them [000, 001, 003]; stack config may add more (mail,
 * third-party keys [003]). `database` and `redis` are each service's own login and Redis user
 * (`<service>/database`, `<service>/redis`, see data/service-secrets.ts); `jwt` and `smtp` are shared.
 */
export const standardSecretNames = ["database", "redis", "jwt", "smtp"] as const;

/** The database's other password login a service may list: the migration owner's, for the service that runs migrations. */
export const databaseRoleSecretNames = [MIGRATION_LOGIN_ENTRY] as const;

/** The exporters' logins are reserved too, but no service may list them: the exporters alone read them. */
const reservedNames: readonly string[] = [
    ...standardSecretNames,
    ...databaseRoleSecretNames,
    MONITORING_LOGIN_ENTRY,
    REDIS_MONITORING_ENTRY,
    RECEIVER_ENTRY,
    GRAFANA_ENTRY,
];

/** Quarterly rotation [004]. */
export const MAX_ROTATION_DAYS = 90;

/**
 * Days Secrets Manager keeps a deleted entry: 7 to 30, or 0 to delete it at once
 * (ForceDeleteWithoutRecovery) [DeleteSecret API]. A scheduled deletion keeps the name taken, so a
 * destroyed dev stack could not be created again for a week: outside prod the default is 0; prod
 * keeps 30 (and `protect`).
 */
const RECOVERY_WINDOW = { min: 7, max: 30, forceDelete: 0 } as const;

function recoveryWindowDays(env: Environment) {
    if (env === "prod") {
        const use = `use ${RECOVERY_WINDOW.max}`;
        return z
            .number({ error: `expected an integer number of days; ${use}` })
            .int({ error: `expected an integer number of days; ${use}` })
            .min(RECOVERY_WINDOW.max, { error: `prod keeps deleted secrets recoverable at least ${RECOVERY_WINDOW.max} days; ${use}` })
            .max(RECOVERY_WINDOW.max, { error: `Secrets Manager keeps deleted secrets at most ${RECOVERY_WINDOW.max} days; ${use}` })
            .default(RECOVERY_WINDOW.max);
    }
    const allowed = `use 0 (delete at once) or an integer from ${RECOVERY_WINDOW.min} to ${RECOVERY_WINDOW.max}`;
    return z
        .number({ error: `expected an integer number of days; ${allowed}` })
        .int({ error: `expected an integer number of days; ${allowed}` })
        .refine((d) => d === RECOVERY_WINDOW.forceDelete || (d >= RECOVERY_WINDOW.min && d <= RECOVERY_WINDOW.max), {
            error: `Secrets Manager keeps a deleted secret 7 to 30 days, or deletes it at once; ${allowed}`,
        })
        .default(RECOVERY_WINDOW.forceDelete);
}

export function secretsSchema(env: Environment) {
    return z.strictObject(
        {
            /** Extra entries `<app>/<env>/<name>`, each holding a generated value until an operator stores the issued one. */
            names: z
                .array(
                    z
                        .string({ error: "expected lowercase names such as mail or payments-api" })
                        .regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "expected lowercase names such as mail or payments-api" })
                        .refine((n) => !reservedNames.includes(n), {
                            error: `expected a name other than the built-in ${reservedNames.join(", ")}`,
                        }),
                    { error: "expected a list of secret names such as [mail, payments-api]" },
                )
                .refine((names) => new Set(names).size === names.length, { error: "expected each name once" })
                .default([]),
            /** Length of every generated value; the JWT signing key is always at least twice this [003: min 64]. */
            length: z
                .number({ error: "expected an integer length from 32 to 128" })
                .int({ error: "expected an integer length from 32 to 128" })
                .min(32, { error: "generated secrets are at least 32 characters; use an integer from 32 to 128" })
                .max(128, { error: "expected an integer length from 32 to 128" })
                .default(32),
            rotationDays: z
                .number({ error: `expected an integer number of days from 1 to ${MAX_ROTATION_DAYS}` })
                .int({ error: `expected an integer number of days from 1 to ${MAX_ROTATION_DAYS}` })
                .min(1, { error: `expected an integer number of days from 1 to ${MAX_ROTATION_DAYS}` })
                .max(MAX_ROTATION_DAYS, {
                    error: `secrets rotate at least quarterly; use an integer from 1 to ${MAX_ROTATION_DAYS}`,
                })
                .default(MAX_ROTATION_DAYS),
            /** Replaced by careplane's own rotation of every entry (docs/data.md, "Rotation"): refused with the reason. */
            rotationLambdaArn: z
                .unknown()
                .refine(() => false, {
                    error: "is no longer used: careplane deploys a rotation function for each entry it generates (docs/data.md, Rotation); remove the key",
                })
                .optional(),
            /** Replaced with rotationLambdaArn: careplane's rotation functions run as roles of its own, which the entries admit. */
            rotationRoleArn: z
                .unknown()
                .refine(() => false, {
                    error: "is no longer used: careplane's rotation functions run as roles it creates and admits itself (docs/data.md, Rotation); remove the key",
                })
                .optional(),
            recoveryWindowDays: recoveryWindowDays(env),
        },
        { error: "expected a mapping of secrets settings" },
    );
}

export type SecretsConfig = z.output<ReturnType<typeof secretsSchema>>;
