// The one parser of the JSON the program passes as text (policy documents, container definitions,
// event patterns, annotations): a control never passes what it cannot read. A value the preview
// cannot see yet (absent or unknown) is not a finding; text that is not JSON, or JSON of the wrong
// shape, is.
import { Finding } from "./control";

export type Read<T> = { value: T | undefined; unreadable?: undefined } | { value?: undefined; unreadable: Finding };

/**
 * `value` as the program passed it: an object or array as is, JSON text parsed. `what` names it in
 * the finding (`containerDefinitions`, `policy`); `shape` says what the parsed value must be.
 */
export function readJson<T>(value: unknown, what: string, shape: "object" | "array" = "object"): Read<T> {
    if (value === undefined || value === null) return { value: undefined };
    let parsed: unknown = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value);
        } catch (err) {
            return { unreadable: { problem: `${what} is not valid JSON (${(err as Error).message})`, expected: `${what} as JSON text` } };
        }
    }
    const fits = shape === "array" ? Array.isArray(parsed) : typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
    if (!fits) return { unreadable: { problem: `${what} is not a JSON ${shape}`, expected: `${what} as a JSON ${shape}` } };
    return { value: parsed as T };
}
