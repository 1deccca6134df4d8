// Issue 21's blocker, reproduced: in a container job steps run as root while the work tree belongs
// to the runner's user, and git refuses it ("detected dubious ownership", actions/checkout#2031).
// The diff tool must say what git said; the workflows mark the work tree safe after checkout.
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { ROOT } from "../support/engine";

/** A one-commit repository handed to another user (nobody), as the runner's user owns a checkout. */
function foreignRepository(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-foreign-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" } });
    git("init", "-q");
    fs.writeFileSync(path.join(dir, "README.md"), "x\n");
    git("add", "README.md");
    git("-c", "user.name=ci", "-c", "user.email=ci@example.org", "commit", "-q", "-m", "one");
    execFileSync("chown", ["-R", "65534:65534", dir]);
    return dir;
}

function diffIn(dir: string, globalConfig: string) {
    // tsx is imported by its path: the foreign repository has no node_modules of its own.
    const tsx = pathToFileURL(require.resolve("tsx")).href;
    return spawnSync(process.execPath, ["--import", tsx, path.join(ROOT, "tools/diff/cli.ts"), "--base", "HEAD", "--stack", "dev"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, GIT_CONFIG_GLOBAL: globalConfig },
    });
}

describe("a work tree owned by another user (container jobs)", function () {
    this.timeout(60000);

    it("the tests run as root, as CI and container jobs do", () => {
        expect(process.getuid?.()).to.equal(0);
    });

    it("npm run diff reports git's own refusal, in one line, exit 2", () => {
        const dir = foreignRepository();
        const run = diffIn(dir, "/dev/null");
        expect(run.status).to.equal(2);
        expect(run.stderr.trim().split("\n")).to.have.length(1);
        expect(run.stderr).to.match(/^HEAD: git failed in .*: fatal: detected dubious ownership in repository at /);
        expect(run.stderr).to.not.contain("not a commit");
    });

    it("git accepts it once the work tree is marked safe, as the workflows' step does", () => {
        const dir = foreignRepository();
        const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "careplane-gitconfig-")), "config");
        execFileSync("git", ["config", "--file", config, "--add", "safe.directory", dir]);
        const git = spawnSync("git", ["rev-parse", "--verify", "HEAD^{commit}"], {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, GIT_CONFIG_GLOBAL: config },
        });
        expect(git.status, git.stderr).to.equal(0);
        expect(git.stdout.trim()).to.match(/^[0-9a-f]{40}$/);
    });
});
