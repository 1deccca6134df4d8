import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A git ref that cannot be previewed, or a preview that failed: one line, exit status 2. */
export class BaseRefError extends Error {}

/**
 * Runs the offline preview (`npm start`) of a folder into outDir, of the given stacks or all.
 * Exit 1 (mandatory violations) still wrote every plan, so it counts as done: the diff reports
 * changes, the preview reports violations.
 */
export function previewInto(dir: string, outDir: string, stacks: string[] = []): void {
    const args = ["start", "--silent", "--", "--out", outDir, ...stacks.flatMap((s) => ["--stack", s])];
    const run = spawnSync("npm", args, { cwd: dir, encoding: "utf8" });
    if (run.status !== 0 && run.status !== 1) {
        const tail = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim().split("\n").slice(-5).join("\n");
        throw new BaseRefError(`the offline preview in ${dir} failed (exit ${run.status ?? run.signal}):\n${tail}`);
    }
}

export interface BasePlans {
    /** The folder holding <stack>/plan.json for each stack of the ref. */
    outDir: string;
    cleanup(): void;
}

/**
 * Previews a git ref of the repository at root: its tree goes into a temporary folder (git
 * archive: the repository's worktrees and index stay untouched), the head's node_modules is linked
 * in, and the ref's own `npm start` writes its plans to a temporary out folder. With stacks, only
 * those of them the ref has a stack file for.
 */
export function previewBaseRef(ref: string, root: string, stacks: string[] = []): BasePlans {
    const commit = resolveCommit(ref, root);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-base-"));
    const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
    try {
        const tree = path.join(tmp, "tree");
        const outDir = path.join(tmp, "out");
        fs.mkdirSync(tree);
        const archive = path.join(tmp, "tree.tar");
        execFileSync("git", ["archive", "--format=tar", "-o", archive, commit], { cwd: root });
        execFileSync("tar", ["-xf", archive, "-C", tree]);
        linkDependencies(root, tree);
        const existing = stacks.filter((s) => fs.existsSync(path.join(tree, `Pulumi.${s}.yaml`)));
        if (stacks.length === 0 || existing.length > 0) previewInto(tree, outDir, existing);
        return { outDir, cleanup };
    } catch (e) {
        cleanup();
        throw e;
    }
}

/**
 * The commit a ref names. When git itself fails (a work tree owned by another user: "detected
 * dubious ownership", as in a container job; not a repository), its own message is the error, not
 * a misleading "not a commit".
 */
export function resolveCommit(ref: string, root: string): string {
    const run = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, encoding: "utf8" });
    if (run.status === 0) return run.stdout.trim();
    const gitSays = `${run.stderr ?? ""}${run.error?.message ?? ""}`.trim().split("\n")[0];
    if (gitSays) throw new BaseRefError(`${ref}: git failed in ${root}: ${gitSays}`);
    throw new BaseRefError(`${ref}: not a commit in ${root} (fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
}

/** The base tree uses the head's installed packages (the root's and the policy pack's). */
function linkDependencies(root: string, tree: string): void {
    for (const dir of [".", "policies"]) {
        const installed = path.join(root, dir, "node_modules");
        if (!fs.existsSync(installed) || !fs.existsSync(path.join(tree, dir))) continue;
        const link = path.join(tree, dir, "node_modules");
        fs.rmSync(link, { recursive: true, force: true });
        fs.symlinkSync(fs.realpathSync(installed), link, "dir");
    }
}
