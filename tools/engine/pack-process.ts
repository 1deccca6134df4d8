import { ChildProcess, spawn } from "child_process";
import * as path from "path";

export const POLICY_PACK_DIR = path.resolve(__dirname, "../../policies");

/** The policy pack's analyzer server, started as the Pulumi CLI starts it: a child process that prints its port. */
export interface PackProcess {
    child: ChildProcess;
    /** Rejects if the pack exits before it serves, with what it printed. */
    port: Promise<number>;
}

/**
 * Spawns the pack. It only needs child_process, so an entry point can call it before loading
 * anything heavy and the pack loads its SDKs while the caller loads its own.
 */
export function spawnPolicyPack(packDir = POLICY_PACK_DIR): PackProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "index.ts"], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    const port = readPort(child);
    // Whoever connects sees the rejection; until then it must not count as unhandled.
    port.catch(() => undefined);
    return { child, port };
}

function readPort(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stderr!.on("data", (d) => (err += d));
        child.stdout!.on("data", (d) => {
            out += d;
            const line = out.split("\n")[0];
            if (out.includes("\n") && /^\d+$/.test(line.trim())) resolve(Number(line.trim()));
        });
        child.once("exit", (code) => reject(new Error(`the policy pack exited (${code}) before serving: ${(err || out).trim()}`)));
    });
}
