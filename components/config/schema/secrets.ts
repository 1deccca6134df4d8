import { z } from "zod";
import { Environment } from "../profiles";
import { RECEIVER_ENTRY } from "../../monitoring/alertmanager-routing";
import { GRAFANA_ENTRY } from "./monitoring";
import { MONITORING_LOGIN_ENTRY } from "../../data/database-roles";

/** The entries every stack has [000, 001, 003]; stack config may add more (mail, third-party keys [003]). */
export const standardSecretNames = ["database", "redis", "jwt", "smtp"] as const;

/** Entries the database component fills in besides `database` (one per PostgreSQL login role). */
export const databaseRoleSecretNames = ["database-analytics", "database-migration"] as const;

/** The monitoring login's entry is reserved too, but no service may list it: postgres_exporter alone reads it. */
const reservedNames: readonly string[] = [
    ...standardSecretNames,
    ...databaseRoleSecretNames,
    MONITORING_LOGIN_ENTRY,
    RECEIVER_ENTRY,
    GRAFANA_ENTRY,
];

/** Quarterly rotation [004]. */
export const MAX_ROTATION_DAYS = 90;

export function secretsSchema(env: Environment) {
    const minRecovery = env === "prod" ? 30 : 7;
    const recoveryRange = minRecovery === 30 ? "use 30" : `use an integer from ${minRecovery} to 30`;
    return z
        .strictObject(
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
                /** A Secrets Manager rotation function (ARN); with it, the generated entries rotate too. */
                rotationLambdaArn: z
                    .string({ error: "expected a Lambda function ARN" })
                    .regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+$/, { error: "expected a Lambda function ARN" })
                    .optional(),
                /**
                 * The IAM role that rotation function runs as: the entries' resource policies admit it to
                 * read and write them (every other principal but the stack's own is refused).
                 */
                rotationRoleArn: z
                    .string({ error: "expected an IAM role ARN such as arn:aws:iam::123456789012:role/rotate-secrets" })
                    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, {
                        error: "expected an IAM role ARN such as arn:aws:iam::123456789012:role/rotate-secrets",
                    })
                    .optional(),
                recoveryWindowDays: z
                    .number({ error: `expected an integer number of days; ${recoveryRange}` })
                    .int({ error: `expected an integer number of days; ${recoveryRange}` })
                    .min(minRecovery, { error: `${env} keeps deleted secrets recoverable at least ${minRecovery} days; ${recoveryRange}` })
                    .max(30, { error: `Secrets Manager keeps deleted secrets at most 30 days; ${recoveryRange}` })
                    .default(minRecovery),
            },
            { error: "expected a mapping of secrets settings" },
        )
        .refine((s) => (s.rotationLambdaArn === undefined) === (s.rotationRoleArn === undefined), {
            path: ["rotationRoleArn"],
            error: "name the role the rotation function runs as together with rotationLambdaArn (and only with it)",
        });
}

export type SecretsConfig = z.output<ReturnType<typeof secretsSchema>>;
