// `npm test` runs .ci/install-tools --quiet first: on a machine without the Debian tools and no
// right to install them, it must stop with one line that names the command, not fail test by test.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.resolve(__dirname, "../../.ci/install-tools");

/** Runs the script with stub dpkg-query and sudo first on PATH, as an unprivileged user when this is root. */
function runWithStubs(dpkgInstalled: boolean) {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-stubs-"));
    fs.chmodSync(bin, 0o755);
    const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    stub("dpkg-query", dpkgInstalled ? 'echo "install ok installed"' : "exit 1");
    stub("sudo", "exit 1");
    stub("apt-get", `echo "apt-get must not run" >&2; exit 99`);
    // The unprivileged user may not reach the checkout (a clone under a 0700 directory such as mktemp -d's): it runs a copy.
    const script = path.join(bin, "install-tools");
    fs.copyFileSync(SCRIPT, script);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const asUser = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
    const [cmd, ...args] = [...asUser, "bash", script, "--quiet"];
    const result = spawnSync(cmd, args, { env, encoding: "utf8" });
    fs.rmSync(bin, { recursive: true, force: true });
    return result;
}

describe(".ci/install-tools (npm test's pretest)", () => {
    it("stops with one line naming the tools, their packages and the command to run, when it may not install", () => {
        const result = runWithStubs(false);
        expect(result.status).to.equal(1);
        expect(result.stdout).to.equal("");
        const lines = result.stderr.trim().split("\n");
        expect(lines).to.have.length(1);
        expect(lines[0]).to.match(
            /^the tests need .*promtool.* \(Debian packages .*prometheus.*\); install them with: sudo bash \.ci\/install-tools$/,
        );
        for (const tool of ["promtool", "dot", "chromium", "shellcheck"]) expect(lines[0]).to.contain(tool);
    });

    it("says nothing and succeeds when every tool is installed", () => {
        const result = runWithStubs(true);
        expect(result.stderr).to.equal("");
        expect(result.stdout).to.equal("");
        expect(result.status).to.equal(0);
    });

    it("is what npm test runs first", () => {
        const scripts = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).scripts;
        expect(scripts.pretest).to.equal("bash .ci/install-tools --quiet");
    });
});
