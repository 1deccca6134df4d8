import { randomBytes } from "node:crypto";
import { RotationRefused, SecretDocument } from "../protocol";

/**
 * A fresh random value: `bytes` bytes from the platform's CSPRNG, base64url-encoded (letters, digits,
 * `-` and `_`: accepted by PostgreSQL, Redis ACLs, Grafana and in URLs, env files and JSON alike).
 */
export function randomValue(bytes: number): string {
    return randomBytes(bytes).toString("base64url");
}

/** A string property of a document, or a refusal naming the property (never the value). */
export function stringIn(doc: SecretDocument, key: string, what: string): string {
    const value = doc[key];
    if (typeof value !== "string" || value.length === 0) throw new RotationRefused(`${what} has no ${key}`);
    return value;
}
