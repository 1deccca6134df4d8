// The real Alertmanager tooling (Debian package `prometheus-alertmanager`): the routing is proven by
// Alertmanager's own code or not at all.
import { runTool, ToolResult } from "./debian-tool";

export const AMTOOL = process.env.AMTOOL ?? "/usr/bin/amtool";

export function amtool(...args: string[]): ToolResult {
    return runTool(AMTOOL, "prometheus-alertmanager", args);
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
    // amtool warns on stderr that --config.file overrides the server URL; the receivers are the rest.
    return result.output
        .split("\n")
        .filter((line) => !line.startsWith("Warning:"))
        .join("\n")
        .trim();
}
