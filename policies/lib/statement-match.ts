// What a policy statement allows and under which condition values, for controls that ask about
// particular actions and condition keys (IAM User Guide, "IAM JSON policy elements": Action
// matching is case-insensitive with `*` and `?`; condition keys are case-insensitive).
import { list, Statement } from "./policy-document";

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
    const re = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${re}$`, "i").test(action);
}

/** Whether the statement's Action (or NotAction) covers `action`. */
export function coversAction(s: Statement, action: string): boolean {
    return s.NotAction !== undefined
        ? !list(s.NotAction).some((p) => actionMatches(p, action))
        : list(s.Action).some((p) => actionMatches(p, action));
}

/** The values the statement's condition tests `key` with under one of `operators`; undefined when none does. */
export function conditionValues(s: Statement, key: string, operators: string[]): string[] | undefined {
    for (const [operator, tests] of Object.entries(s.Condition ?? {})) {
        if (!operators.includes(operator)) continue;
        for (const [k, v] of Object.entries(tests ?? {})) if (k.toLowerCase() === key.toLowerCase()) return list(v as unknown).map(String);
    }
    return undefined;
}
