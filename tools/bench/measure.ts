import { spawnSync } from "child_process";

export interface Run {
    wallMs: number;
    ok: boolean;
}

/** Runs a command to completion and times it from the outside (spawn to exit). */
export function timeCommand(command: string, args: string[], cwd: string): Run {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
    return { wallMs, ok: run.status === 0 };
}

export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians of each numeric field over several samples. */
export function medians<T extends Record<string, number>>(samples: T[]): T {
    return Object.fromEntries(Object.keys(samples[0]).map((k) => [k, median(samples.map((s) => s[k]))])) as T;
}
