// Classifies a scheduled `pulumi refresh --preview-only --expect-no-changes` of one stack:
//   clean  — the cloud matches the state;
//   drift  — the refresh proposed changes (Pulumi's "no changes were expected but changes were proposed");
//   error  — anything else that failed (credentials, network, a provider error): reported as an error,
//            never as drift.
// Separately, "merged but not deployed": the last update's commit (Pulumi records `git.head` in
// each update's environment) is not main's head.
//   npm run ci:drift -- --exit <code> --log <refresh output> --history <stack history --json> --main <sha>
import * as fs from "fs";
import { parseArgs } from "util";

export type DriftStatus = "clean" | "drift" | "error";

export interface DriftReport {
    status: DriftStatus;
    /** The commit the stack was last updated from, when the history says. */
    deployedCommit: string | null;
    /** main is ahead of what was deployed. */
    undeployed: boolean;
}

const EXPECTED_NO_CHANGES = /no changes were expected but changes were proposed/i;

export function classifyRefresh(exitCode: number, output: string): DriftStatus {
    if (exitCode === 0) return "clean";
    return EXPECTED_NO_CHANGES.test(output) ? "drift" : "error";
}

/** The commit of the newest succeeded update in `pulumi stack history --json`. */
export function deployedCommit(historyJson: string): string | null {
    const history = JSON.parse(historyJson) as Array<{ kind?: string; result?: string; environment?: Record<string, string> }>;
    const last = history.find((u) => u.kind === "update" && u.result === "succeeded");
    return last?.environment?.["git.head"] ?? null;
}

export function driftReport(exitCode: number, output: string, historyJson: string, mainSha: string): DriftReport {
    const deployed = deployedCommit(historyJson);
    return { status: classifyRefresh(exitCode, output), deployedCommit: deployed, undeployed: deployed !== mainSha };
}

if (require.main === module) {
    const { values } = parseArgs({
        args: process.argv.slice(2),
        options: { exit: { type: "string" }, log: { type: "string" }, history: { type: "string" }, main: { type: "string" } },
    });
    const history = values.history && fs.existsSync(values.history) ? fs.readFileSync(values.history, "utf8") : "[]";
    console.log(JSON.stringify(driftReport(Number(values.exit), fs.readFileSync(values.log!, "utf8"), history || "[]", values.main!)));
}
