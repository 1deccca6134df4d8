import { z } from "zod";
import { Environment, EnvironmentProfile } from "../profiles";
import { atLeastProfile, retentionDays } from "./refinements";

/** RDS keeps automated backups at most 35 days; longer retention is AWS Backup's job (backup area). */
export const RDS_MAX_BACKUP_RETENTION_DAYS = 35;

/** A PostgreSQL memory size such as 256MB or 4GB [003], in kB. */
const memorySize = z
    .string({ error: "expected a size such as 64MB or 4GB" })
    .regex(/^\d+(kB|MB|GB)$/, { error: "expected a size such as 64MB or 4GB" })
    .transform((s) => {
        const n = Number(s.replace(/\D+$/, ""));
        return s.endsWith("GB") ? n * 1024 * 1024 : s.endsWith("MB") ? n * 1024 : n;
    });

/** `ddd:hh:mm-ddd:hh:mm`, the form RDS and ElastiCache take maintenance windows in. */
export const weeklyWindow = z
    .string({ error: "expected a weekly window such as sun:02:00-sun:04:00" })
    .regex(/^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/, {
        error: "expected a weekly window such as sun:02:00-sun:04:00",
    });

/** `hh:mm-hh:mm`, the form daily backup and snapshot windows take. */
export const dailyWindow = z
    .string({ error: "expected a daily window such as 00:00-01:00" })
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { error: "expected a daily window such as 00:00-01:00" });

const instanceClass = z
    .string({ error: "expected an RDS instance class such as db.r6g.xlarge" })
    .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, { error: "expected an RDS instance class such as db.r6g.xlarge" });

const storageGb = z
    .number({ error: "expected an integer number of GiB from 20 to 65536" })
    .int({ error: "expected an integer number of GiB from 20 to 65536" })
    .min(20, { error: "expected an integer number of GiB from 20 to 65536" })
    .max(65536, { error: "expected an integer number of GiB from 20 to 65536" });

const maxStorageGb = z
    .number({ error: "expected an integer number of GiB up to 65536" })
    .int({ error: "expected an integer number of GiB up to 65536" })
    .max(65536, { error: "expected an integer number of GiB up to 65536" });

/** Storage autoscaling needs a ceiling above the allocated size. */
const ceilingAboveStorage = (c: { storageGb: number; maxStorageGb: number }) => c.maxStorageGb > c.storageGb;
const ceilingMessage = { error: "expected more than storageGb (storage autoscaling grows up to this size)", path: ["maxStorageGb"] };

export function databaseSchema(profile: EnvironmentProfile, env: Environment) {
    const { readReplicas: replicas, ...storage } = profile.database;
    const backupFloor = Math.min(profile.backupRetentionDays, RDS_MAX_BACKUP_RETENTION_DAYS);
    const backupRange =
        backupFloor === RDS_MAX_BACKUP_RETENTION_DAYS
            ? `use ${RDS_MAX_BACKUP_RETENTION_DAYS}`
            : `use an integer from ${backupFloor} to ${RDS_MAX_BACKUP_RETENTION_DAYS}`;
    return z
        .strictObject(
            {
                engineVersion: z
                    .string({ error: "expected a PostgreSQL version such as 16 or 16.4" })
                    .regex(/^\d+(\.\d+)?$/, { error: "expected a PostgreSQL version such as 16 or 16.4" })
                    .refine((v) => Number(v.split(".")[0]) >= 15, { error: "expected PostgreSQL 15 or newer, such as 16 or 16.4" })
                    .default("16"),
                instanceClass: instanceClass.default(profile.database.instanceClass),
                storageGb: storageGb.default(storage.storageGb),
                maxStorageGb: maxStorageGb.default(storage.maxStorageGb),
                multiAz: z
                    .boolean({ error: "expected true or false" })
                    .refine(
                        atLeastProfile(profile.multiAz, (v: boolean) => v),
                        { error: `${env} runs the database Multi-AZ; only true is allowed` },
                    )
                    .default(profile.multiAz),
                readReplicas: z
                    .number({ error: `expected an integer number of read replicas from ${replicas.minimum} to 5` })
                    .int({ error: `expected an integer number of read replicas from ${replicas.minimum} to 5` })
                    .min(replicas.minimum, {
                        error:
                            replicas.minimum === 0
                                ? "expected an integer number of read replicas from 0 to 5"
                                : `${env} keeps at least ${replicas.minimum} read replicas; use an integer from ${replicas.minimum} to 5`,
                    })
                    .max(5, { error: `expected an integer number of read replicas from ${replicas.minimum} to 5` })
                    .default(replicas.default),
                deletionProtection: z
                    .boolean({ error: "expected true or false" })
                    .refine(
                        atLeastProfile(profile.deletionProtection, (v: boolean) => v),
                        { error: `${env} keeps deletion protection on; only true is allowed` },
                    )
                    .default(profile.deletionProtection),
                backupRetentionDays: z
                    .number({ error: `expected an integer number of days; ${backupRange}` })
                    .int({ error: `expected an integer number of days; ${backupRange}` })
                    .min(backupFloor, { error: `${env} keeps automated database backups at least ${backupFloor} days; ${backupRange}` })
                    .max(RDS_MAX_BACKUP_RETENTION_DAYS, {
                        error: `RDS keeps automated backups at most ${RDS_MAX_BACKUP_RETENTION_DAYS} days (longer retention is careplane:backup's); ${backupRange}`,
                    })
                    .default(backupFloor),
                backupWindow: dailyWindow.default("00:00-01:00"),
                /** Sunday 02:00-04:00 UTC [000, 003]. */
                maintenanceWindow: weeklyWindow.default("sun:02:00-sun:04:00"),
                monitoringIntervalSeconds: z
                    .union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)], {
                        error: "expected one of 1, 5, 10, 15, 30, 60 (seconds; enhanced monitoring stays on)",
                    })
                    .default(60),
                logRetentionDays: retentionDays(profile.auditLogRetentionDays, env, "database logs"),
                /** Tunables [003]; unset ones keep RDS's memory-aware defaults. */
                parameters: z
                    .strictObject(
                        {
                            workMem: memorySize.optional(),
                            sharedBuffers: memorySize.optional(),
                            maxParallelWorkersPerGather: z
                                .number({ error: "expected an integer from 0 to 64" })
                                .int({ error: "expected an integer from 0 to 64" })
                                .min(0, { error: "expected an integer from 0 to 64" })
                                .max(64, { error: "expected an integer from 0 to 64" })
                                .optional(),
                        },
                        { error: "expected a mapping of PostgreSQL tunables (workMem, sharedBuffers, maxParallelWorkersPerGather)" },
                    )
                    .prefault({}),
                /**
                 * PostgreSQL roles, created by @pulumi/postgresql in every stack from where CI runs (the
                 * in-VPC runner reaches the isolated data subnets): only the application schema's name is
                 * a choice.
                 */
                roles: z
                    .strictObject(
                        {
                            schema: z
                                .string({ error: "expected a lowercase schema name such as app" })
                                .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: "expected a lowercase schema name such as app" })
                                .default("app"),
                        },
                        { error: "expected a mapping of role settings (schema)" },
                    )
                    .prefault({}),
                /**
                 * A separate PostgreSQL instance for analytics [000: "Analytics Database (Optional)"],
                 * hardened like the primary; off unless a stack asks.
                 */
                analytics: z
                    .strictObject(
                        {
                            enabled: z.boolean({ error: "expected true or false" }).default(false),
                            instanceClass: instanceClass.default(profile.database.instanceClass),
                            storageGb: storageGb.default(storage.storageGb),
                            maxStorageGb: maxStorageGb.default(storage.maxStorageGb),
                        },
                        {
                            error: "expected a mapping of analytics database settings (enabled, instanceClass, storageGb, maxStorageGb)",
                        },
                    )
                    .refine(ceilingAboveStorage, ceilingMessage)
                    .prefault({}),
            },
            { error: "expected a mapping of database settings" },
        )
        .refine(ceilingAboveStorage, ceilingMessage);
}

export type DatabaseConfig = z.output<ReturnType<typeof databaseSchema>>;
