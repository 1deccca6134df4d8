import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { environments } from "../../components/config/profiles";
import { SECRET_MASK } from "./plan";

/** Stacks named after an environment come first, in the environments' order. */
export const stackOrder: readonly string[] = environments;

export interface StackFile {
    stack: string;
    /** The path as the user should read it in messages. */
    file: string;
    /** Config as Pulumi hands it to a program: strings, structured values as JSON. */
    config: Record<string, string>;
    /** Keys given as `secure:` values, which stand in as a masked placeholder offline. */
    secretKeys: string[];
}

/** A stack file that cannot be read: reported as one line, exit status 2. */
export class StackFileError extends Error {}

/** The stack files of a folder (Pulumi.<stack>.yaml), dev → prod first, then any others by name. */
export function findStackFiles(dir: string): string[] {
    const names = fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined);
    const rank = (s: string) => (stackOrder.includes(s) ? stackOrder.indexOf(s) : stackOrder.length);
    return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function readStackFile(dir: string, stack: string): StackFile {
    const file = path.relative(process.cwd(), path.join(dir, `Pulumi.${stack}.yaml`)) || `Pulumi.${stack}.yaml`;
    if (!fs.existsSync(file)) throw new StackFileError(`${file}: no such stack file`);
    let doc: unknown;
    try {
        doc = parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(`${file}: not valid YAML (${(e as Error).message.split("\n")[0]})`);
    }
    const raw = (doc as { config?: unknown } | null)?.config ?? {};
    if (typeof raw !== "object" || Array.isArray(raw)) throw new StackFileError(`${file}: "config" must be a mapping of keys to values`);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        const { value: plain, secret } = unsecure(value);
        config[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
        if (secret) secretKeys.push(key);
    }
    return { stack, file, config, secretKeys };
}

/**
 * Replaces every `{ secure: <ciphertext> }` leaf (encrypted with the stack's secrets provider,
 * unreadable offline) with the mask, and says whether there was one.
 */
function unsecure(value: unknown): { value: unknown; secret: boolean } {
    if (typeof value !== "object" || value === null) return { value, secret: false };
    if (!Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value) return { value: SECRET_MASK, secret: true };
    let secret = false;
    const walk = (v: unknown) => {
        const r = unsecure(v);
        secret ||= r.secret;
        return r.value;
    };
    const out = Array.isArray(value) ? value.map(walk) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return { value: out, secret };
}
