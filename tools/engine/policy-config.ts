// The pack configuration the preview passes its analyzer: the same JSON file `pulumi up
// --policy-pack-config` takes, `{ "<policy>": { "enforcementLevel"?: …, "<property>": … } }` or
// `{ "<policy>": "<enforcement level>" }`. A file that is not that is a usage error (exit 2, one line).
import * as fs from "fs";
import * as path from "path";

/** Pack configuration: per policy name, the properties its configSchema accepts (and an enforcementLevel). */
export type PackConfig = Record<string, Record<string, unknown>>;

/** `<config-dir>/policy-config.json`: the configuration the org's policy group carries for that project. */
export const POLICY_CONFIG_FILE = "policy-config.json";

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;
type EnforcementLevel = (typeof LEVELS)[number];

export class PolicyConfigError extends Error {
    constructor(file: string, problem: string) {
        super(`${file}: ${problem}`);
        this.name = "PolicyConfigError";
    }
}

/** What a policy accepts: the `properties` of its configSchema, as the pack reports them. */
export interface ConfigurablePolicy {
    name: string;
    configProperties: Record<string, JsonSchema>;
}

interface JsonSchema {
    type?: string;
    pattern?: string;
    items?: JsonSchema;
}

/**
 * The file to read: `--policy-config FILE` when given, else `<dir>/policy-config.json` when the
 * stacks come from a folder holding one; none otherwise.
 */
export function policyConfigFile(explicit: string | undefined, configDir: string | undefined): string | undefined {
    if (explicit !== undefined) return explicit;
    if (configDir === undefined) return undefined;
    const beside = path.join(configDir, POLICY_CONFIG_FILE);
    return fs.existsSync(beside) ? beside : undefined;
}

/** Reads and shapes a pack configuration file; a string value is that policy's enforcement level. */
export function readPolicyConfig(file: string): PackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new PolicyConfigError(file, `cannot read the pack configuration (${(err as NodeJS.ErrnoException).code ?? "error"})`);
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (err) {
        throw new PolicyConfigError(file, `not JSON: ${(err as Error).message.split("\n")[0]}`);
    }
    if (!isObject(value)) throw new PolicyConfigError(file, 'expected an object { "<policy name>": { <property>: <value> } }');
    const config: PackConfig = {};
    for (const [policy, entry] of Object.entries(value)) {
        if (typeof entry === "string") {
            config[policy] = { enforcementLevel: level(file, policy, entry) };
        } else if (isObject(entry)) {
            if (entry.enforcementLevel !== undefined) level(file, `${policy}.enforcementLevel`, entry.enforcementLevel);
            config[policy] = entry;
        } else {
            throw new PolicyConfigError(file, `${policy}: expected an enforcement level or an object of the policy's properties`);
        }
    }
    return config;
}

/** Checks a configuration against the pack's policies, as the Pulumi CLI does before it configures them. */
export function checkPolicyConfig(file: string, config: PackConfig, policies: ConfigurablePolicy[]): void {
    for (const [policy, properties] of Object.entries(config)) {
        const known = policies.find((p) => p.name === policy);
        if (!known) throw new PolicyConfigError(file, `${policy}: no policy of that name in the pack`);
        for (const [property, value] of Object.entries(properties)) {
            if (property === "enforcementLevel") continue;
            const schema = known.configProperties[property];
            const allowed = Object.keys(known.configProperties);
            if (!schema) {
                throw new PolicyConfigError(
                    file,
                    `${policy}.${property}: not a property of the policy (it takes ${allowed.length ? allowed.join(", ") : "none"})`,
                );
            }
            const problem = mismatch(value, schema);
            if (problem) throw new PolicyConfigError(file, `${policy}.${property} = ${JSON.stringify(value)}: ${problem}`);
        }
    }
}

/** The JSON Schema subset the pack's config schemas use: type, items, pattern. */
function mismatch(value: unknown, schema: JsonSchema): string | undefined {
    if (schema.type === "array") {
        if (!Array.isArray(value)) return "expected a list";
        for (const item of value) {
            const problem = schema.items && mismatch(item, schema.items);
            if (problem) return problem;
        }
        return undefined;
    }
    if (schema.type === "string") {
        if (typeof value !== "string") return "expected strings";
        if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `expected strings matching ${schema.pattern}`;
        return undefined;
    }
    if (schema.type === "boolean" && typeof value !== "boolean") return "expected true or false";
    if ((schema.type === "number" || schema.type === "integer") && typeof value !== "number") return "expected a number";
    return undefined;
}

function level(file: string, where: string, value: unknown): EnforcementLevel {
    if ((LEVELS as readonly unknown[]).includes(value)) return value as EnforcementLevel;
    throw new PolicyConfigError(file, `${where} = ${JSON.stringify(value)}: expected one of ${LEVELS.join(", ")}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
