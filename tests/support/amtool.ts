// The real Alertmanager tooling (Debian package `prometheus-alertmanager`, installed by .ci/install-tools).
// A missing amtool fails the tests: the routing is proven by Alertmanager's own code or not at all.
import { spawnSync } from "child_process";
import * as fs from "fs";

export const AMTOOL = process.env.AMTOOL ?? "/usr/bin/amtool";

export interface AmtoolResult {
    ok: boolean;
    output: string;
}

export function amtool(...args: string[]): AmtoolResult {
    if (!fs.existsSync(AMTOOL)) {
        throw new Error(`${AMTOOL} is missing: install the Debian package "prometheus-alertmanager" (.ci/install-tools)`);
    }
    const run = spawnSync(AMTOOL, args, { encoding: "utf8" });
    if (run.error) throw run.error;
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

/** The receivers `amtool config routes test` resolves for an alert with these labels (comma-separated when several). */
export function routedTo(configFile: string, labels: Record<string, string>): string {
    const result = amtool(
        "config",
        "routes",
        "test",
        `--config.file=${configFile}`,
        ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
    );
    if (!result.ok) throw new Error(`amtool config routes test failed: ${result.output}`);
    // amtool warns on stderr that --config.file overrides the server URL; the receivers are stdout's last line.
    return result.output
        .split("\n")
        .filter((line) => !line.startsWith("Warning:"))
        .join("\n")
        .trim();
}
