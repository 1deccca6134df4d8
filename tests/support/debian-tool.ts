// Running a real tool from Debian that .ci/install-tools installs. A missing tool fails the tests with the
// package to install: what it checks is proven by that tool or not at all.
import { spawnSync } from "child_process";
import * as fs from "fs";

export interface ToolResult {
    ok: boolean;
    output: string;
}

export function runTool(binary: string, debianPackage: string, args: string[]): ToolResult {
    if (!fs.existsSync(binary))
        throw new Error(`${binary} is missing: install the Debian package "${debianPackage}" (sudo bash .ci/install-tools)`);
    const run = spawnSync(binary, args, { encoding: "utf8" });
    if (run.error) throw run.error;
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}
