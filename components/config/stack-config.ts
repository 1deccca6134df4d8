import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Environment, environments, EnvironmentProfile, profiles } from "./profiles";
import { accessSchema } from "./schema/access";
import { accountSchema } from "./schema/account";
import { auditSchema } from "./schema/audit";
import { backupSchema } from "./schema/backup";
import { cacheSchema } from "./schema/cache";
import { nodeGroupHoldsMaximum } from "./schema/capacity";
import { cdnNeedsCertificate, cdnNeedsInternetFacingOrigin, cdnSchema } from "./schema/cdn";
import { computeSchema } from "./schema/compute";
import { databaseSchema } from "./schema/database";
import { dataRefreshSchema, targetsAreOtherAccounts } from "./schema/data-refresh";
import { deployerSchema, githubHostedReachesEverything } from "./schema/deployer";
import { drSchema, failoverNeedsPublicIngress, pilotLightNeedsSource } from "./schema/dr";
import { filesSchema } from "./schema/files";
import { grafanaNeedsCluster, monitoringSchema } from "./schema/monitoring";
import { maintenanceSchema } from "./schema/maintenance";
import { uptimeSchema } from "./schema/uptime";
import { networkSchema } from "./schema/network";
import { secretsSchema } from "./schema/secrets";
import {
    internalServicesNeedEks,
    servicesMountStoredFiles,
    servicesSchema,
    servicesUseStoredSecrets,
    servicesFitPlatform,
} from "./schema/services";
import { SiblingStack, siblingStacks } from "./sibling-stacks";

const NAMESPACE = "careplane";

/** A stack-config mistake: reported as one line, before any resource is registered. */
export class ConfigError extends pulumi.RunError {
    constructor(
        readonly file: string,
        readonly key: string,
        readonly value: unknown,
        readonly allowed: string,
    ) {
        super(`${file}: ${key} = ${render(value)} is not allowed: ${allowed}`);
        this.name = "ConfigError";
    }
}

function render(value: unknown): string {
    return value === undefined ? "(missing)" : JSON.stringify(value);
}

const slug = z
    .string({ error: "expected a lowercase name such as caresync" })
    .regex(/^[a-z][a-z0-9-]{1,20}$/, { error: "expected a lowercase name of 2 to 21 letters, digits or dashes, such as caresync" });

function stackSchema(env: Environment, profile: EnvironmentProfile, region: string) {
    return z
        .strictObject({
            environment: z.literal(env),
            app: slug,
            owner: z
                .string({ error: "expected the owning team, such as platform-team" })
                .min(2, { error: "expected the owning team, such as platform-team" }),
            network: networkSchema(profile, env).prefault({}),
            backup: backupSchema(profile, env, region).prefault({}),
            compute: computeSchema(profile, env).prefault({}),
            services: servicesSchema(profile, env),
            database: databaseSchema(profile, env).prefault({}),
            cache: cacheSchema(profile, env).prefault({}),
            secrets: secretsSchema(env).prefault({}),
            // Read as {} when absent, so the message names the missing on-call address.
            audit: auditSchema(env).prefault({}),
            monitoring: monitoringSchema().prefault({} as z.input<ReturnType<typeof monitoringSchema>>),
            files: filesSchema().prefault({}),
            // Read as {} when absent, so the message names the missing break-glass holders.
            access: accessSchema().prefault({} as z.input<ReturnType<typeof accessSchema>>),
            cdn: cdnSchema.prefault({}),
            account: accountSchema(env),
            deployer: deployerSchema(),
            maintenance: maintenanceSchema(),
            uptime: uptimeSchema(profile, env),
            dr: drSchema().prefault({}),
            dataRefresh: dataRefreshSchema(env),
        })
        .superRefine(servicesUseStoredSecrets)
        .superRefine(servicesMountStoredFiles)
        .superRefine(internalServicesNeedEks)
        .superRefine(servicesFitPlatform)
        .superRefine(grafanaNeedsCluster)
        .superRefine(cdnNeedsInternetFacingOrigin)
        .superRefine(cdnNeedsCertificate)
        .superRefine(githubHostedReachesEverything)
        .superRefine(failoverNeedsPublicIngress)
        .superRefine(pilotLightNeedsSource(region))
        .superRefine(targetsAreOtherAccounts)
        .superRefine((cfg, ctx) => nodeGroupHoldsMaximum(cfg, ctx, profile.multiAz));
}

type StackSchema = ReturnType<typeof stackSchema>;
export type StackConfig = z.output<StackSchema> & {
    profile: EnvironmentProfile;
    region: string;
    /** The stack file this configuration came from, for messages. */
    file: string;
};

/** Keys whose values are plain strings; every other careplane key holds a structured value. */
const scalarKeys = new Set(["environment", "app", "owner"]);

/**
 * Validates a stack's raw configuration (the strings Pulumi hands a program) and resolves it
 * against its environment profile, and its account against the stack files beside it (read from
 * the folder of `file` unless given). Throws ConfigError naming the first bad key.
 */
export function parseStackConfig(raw: Record<string, string>, file: string, siblings: SiblingStack[] = siblingStacks(file)): StackConfig {
    const region = raw["aws:region"];
    if (!region || !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) {
        throw new ConfigError(file, "aws:region", region, "expected an AWS region such as us-east-1");
    }

    const envValue = raw[`${NAMESPACE}:environment`];
    if (!(environments as readonly string[]).includes(envValue)) {
        throw new ConfigError(file, `${NAMESPACE}:environment`, envValue, `expected one of ${environments.join(", ")}`);
    }
    const env = envValue as Environment;
    const profile = profiles[env];
    const schema = stackSchema(env, profile, region);

    const input: Record<string, unknown> = {};
    for (const [fullKey, value] of Object.entries(raw)) {
        if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
        const key = fullKey.slice(NAMESPACE.length + 1);
        if (!(key in schema.shape)) {
            throw new ConfigError(file, fullKey, parseValue(value), `unknown key; known keys: ${knownKeys(schema)}`);
        }
        input[key] = scalarKeys.has(key) ? value : parseValue(value);
    }

    const result = schema.safeParse(input);
    if (!result.success) throw toConfigError(file, input, schema, result.error.issues[0]);
    checkAllowedAccounts(raw, result.data.account.id, file);
    checkAccountLayout(
        { file, environment: env, region, accountId: result.data.account.id, singletons: result.data.account.singletons },
        siblings,
    );
    checkRefreshTargets(file, result.data.dataRefresh?.targets ?? [], siblings);
    return { ...result.data, profile, region, file };
}

const ALLOWED_ACCOUNTS = "aws:allowedAccountIds";

/** The AWS provider refuses credentials of any account but the stack's own [22.10]. */
function checkAllowedAccounts(raw: Record<string, string>, accountId: string, file: string): void {
    const value = raw[ALLOWED_ACCOUNTS] === undefined ? undefined : parseValue(raw[ALLOWED_ACCOUNTS]);
    if (Array.isArray(value) && value.length === 1 && value[0] === accountId) return;
    throw new ConfigError(file, ALLOWED_ACCOUNTS, value, `expected ["${accountId}"], the account of ${NAMESPACE}:account.id, and no other`);
}

/**
 * No non-prod stack shares prod's account [22.10], and exactly one stack per account and region
 * owns the account's singletons [18.6], among the stack files of one folder.
 */
function checkAccountLayout(self: SiblingStack, siblings: SiblingStack[]): void {
    const key = `${NAMESPACE}:account`;
    const prodHere = siblings.find((s) => s.environment === "prod" && s.accountId === self.accountId);
    if (self.environment !== "prod" && prodHere) {
        throw new ConfigError(
            self.file,
            `${key}.id`,
            self.accountId,
            `${prodHere.file} deploys prod into this account; a ${self.environment} stack needs an account of its own`,
        );
    }
    const sharing = siblings.filter((s) => s.accountId === self.accountId && s.region === self.region);
    const owner = sharing.find((s) => s.singletons);
    if (self.singletons && owner) {
        throw new ConfigError(
            self.file,
            `${key}.singletons`,
            true,
            `${owner.file} already owns the singletons of account ${self.accountId} in ${self.region}; exactly one stack per account and region owns them`,
        );
    }
    if (!self.singletons && !owner) {
        throw new ConfigError(
            self.file,
            `${key}.singletons`,
            false,
            `no stack file beside it owns the singletons of account ${self.accountId} in ${self.region}; set true on exactly one stack per account and region`,
        );
    }
}

/**
 * Prod shares its scrubbed snapshots only with the accounts its staging and test stacks deploy into:
 * where a stack file of that environment sits beside prod's, the target must be its account.
 */
function checkRefreshTargets(file: string, targets: Array<{ environment: string; account: string }>, siblings: SiblingStack[]): void {
    targets.forEach((t, i) => {
        const stack = siblings.find((s) => s.environment === t.environment);
        if (stack && stack.accountId !== t.account) {
            throw new ConfigError(
                file,
                `${NAMESPACE}:dataRefresh.targets.${i}.account`,
                t.account,
                `${stack.file} deploys ${t.environment} into account ${stack.accountId}; expected that account`,
            );
        }
    });
}

/**
 * Where the running stack's file is: `Pulumi.<stack>.yaml` in the project folder under `pulumi`;
 * the offline preview, which can read stack files from another folder, says where it took them.
 */
export const STACK_FILE_VARIABLE = "CAREPLANE_STACK_FILE";

/** Reads the running stack's configuration, as `pulumi up` or the offline preview provides it. */
export function readStackConfig(file = process.env[STACK_FILE_VARIABLE] ?? `Pulumi.${pulumi.getStack()}.yaml`): StackConfig {
    return parseStackConfig(pulumi.runtime.allConfig(), file);
}

function parseValue(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

function knownKeys(schema: z.ZodObject): string {
    return Object.keys(schema.shape)
        .map((k) => `${NAMESPACE}:${k}`)
        .join(", ");
}

function toConfigError(file: string, input: Record<string, unknown>, schema: StackSchema, issue: z.core.$ZodIssue): ConfigError {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
        const parent = valueAt(input, path);
        const key = issue.keys[0];
        const allowed = Object.keys(objectShapeAt(schema, path)).join(", ");
        return new ConfigError(
            file,
            keyName([...path, key]),
            (parent as Record<string, unknown>)[key],
            `unknown key; allowed keys: ${allowed}`,
        );
    }
    return new ConfigError(file, keyName(path), valueAt(input, path), issue.message);
}

function keyName(path: string[]): string {
    const [area, ...rest] = path;
    return [`${NAMESPACE}:${area}`, ...rest].join(".");
}

function valueAt(input: unknown, path: string[]): unknown {
    return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), input);
}

/** The shape of the (possibly wrapped) object schema found at a path, to list the keys it allows. */
function objectShapeAt(schema: z.ZodType, path: string[]): Record<string, unknown> {
    let current: z.ZodType = unwrap(schema);
    for (const key of path) {
        // A record (careplane:services) holds one schema for every key, a list one for every element.
        const next =
            current instanceof z.ZodRecord
                ? current.def.valueType
                : current instanceof z.ZodArray
                  ? current.def.element
                  : (current as z.ZodObject).shape[key];
        current = unwrap(next as z.ZodType);
    }
    return (current as z.ZodObject).shape;
}

function unwrap(schema: z.ZodType): z.ZodType {
    let current = schema as z.ZodType & { def: { innerType?: z.ZodType; in?: z.ZodType } };
    while (!(current instanceof z.ZodObject || current instanceof z.ZodRecord || current instanceof z.ZodArray)) {
        const inner = current.def.innerType ?? current.def.in;
        if (!inner) break;
        current = inner as typeof current;
    }
    return current;
}
