// npm run bench: the offline preview's cost against the floor of loading the SDKs, per stack,
// all four together, the policy pack's and the deploy-readiness analysis's shares, scale in the
// number of services, and the test suite's and type-check's wall time. Prints a table and writes
// JSON (medians of --runs runs).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { median, medians, timeCommand } from "./measure";
import { WARM_UP_STACK, writeScaleStack } from "./scale";

const ROOT = path.resolve(__dirname, "../..");
const TSX = ["--import", "tsx"];

interface PreviewSample extends Record<string, number> {
    wallMs: number;
    programMs: number;
    policyMs: number;
    /** The deploy-readiness analysis of the run's stacks. */
    readinessMs: number;
    peakRssMb: number;
    resources: number;
}

/** One preview run; `measured` limits the program and policy figures to that stack. */
function previewOnce(args: string[], tmp: string, measured?: string): PreviewSample {
    const timings = path.join(tmp, `timings-${process.hrtime.bigint()}.json`);
    const run = timeCommand(
        process.execPath,
        [...TSX, "tools/preview.ts", ...args, "--out", path.join(tmp, "out"), "--timings", timings],
        ROOT,
    );
    const t = JSON.parse(fs.readFileSync(timings, "utf8"));
    const stacks = t.stacks.filter((s: any) => measured === undefined || s.stack === measured);
    const sum = (k: "programMs" | "policyMs" | "resources") => stacks.reduce((a: number, s: any) => a + (s[k] ?? 0), 0);
    return {
        wallMs: run.wallMs,
        programMs: sum("programMs"),
        policyMs: sum("policyMs"),
        readinessMs: t.readinessMs ?? 0,
        peakRssMb: Math.max(t.peakRssMb, t.analyzerPeakRssMb),
        resources: sum("resources"),
    };
}

function samples<T>(runs: number, fn: () => T): T[] {
    return Array.from({ length: runs }, fn);
}

async function main() {
    const { values } = parseArgs({
        args: process.argv.slice(2),
        options: {
            runs: { type: "string", default: "5" },
            out: { type: "string", default: "out/bench.json" },
            "skip-suite": { type: "boolean", default: false },
            sizes: { type: "string", default: "10,50,200" },
            stacks: { type: "string", default: "dev,test,staging,prod" },
        },
    });
    const runs = Number(values.runs);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-bench-"));
    const stacks = values.stacks!.split(",");

    const floorMs = median(samples(runs, () => timeCommand(process.execPath, [...TSX, "tools/bench/floor.ts"], ROOT).wallMs));
    const perStack = Object.fromEntries(stacks.map((s) => [s, medians(samples(runs, () => previewOnce(["--stack", s], tmp)))]));
    const all = medians(samples(runs, () => previewOnce([], tmp)));
    const programsMs = median(samples(runs, () => timeCommand(process.execPath, [...TSX, "tools/bench/floor.ts", ...stacks], ROOT).wallMs));

    const scaleDir = path.join(tmp, "scale");
    const scale = values
        .sizes!.split(",")
        .map(Number)
        .map((services) => {
            const stack = writeScaleStack(ROOT, scaleDir, services);
            const args = ["--config-dir", scaleDir, "--stack", WARM_UP_STACK, "--stack", stack];
            const m = medians(samples(runs, () => previewOnce(args, tmp, stack)));
            return { services, ...m, msPerResource: (m.programMs + m.policyMs) / m.resources };
        });
    const perResource = scale.map((s) => s.msPerResource);
    const spread = perResource.length ? Math.max(...perResource) / Math.min(...perResource) - 1 : 0;

    const suite = values["skip-suite"]
        ? undefined
        : {
              testsMs: timeCommand("npx", ["mocha"], ROOT).wallMs,
              typecheckMs: timeCommand("npx", ["tsc", "--noEmit", "-p", "."], ROOT).wallMs,
          };

    const report = {
        machine: { cpus: os.cpus().length, node: process.version, runs },
        floorMs,
        stacks: Object.fromEntries(Object.entries(perStack).map(([s, m]) => [s, { ...m, ratioToFloor: m.wallMs / floorMs }])),
        all: {
            ...all,
            ratioToFloor: all.wallMs / floorMs,
            policyShare: all.policyMs / all.wallMs,
            readinessShare: all.readinessMs / all.wallMs,
        },
        programsAlone: { wallMs: programsMs, ratioToFloor: programsMs / floorMs },
        scale: { sizes: scale, perResourceSpread: spread },
        suite,
    };
    fs.mkdirSync(path.dirname(values.out!), { recursive: true });
    fs.writeFileSync(values.out!, JSON.stringify(report, null, 2) + "\n");

    const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1).padStart(6)} %`;
    const row = (name: string, m: PreviewSample & { ratioToFloor: number }) =>
        `${name.padEnd(12)} ${(m.wallMs / 1000).toFixed(2).padStart(7)} s ${m.ratioToFloor.toFixed(2).padStart(6)}× ${String(m.resources).padStart(6)} ${percent(m.policyMs, m.wallMs)} ${percent(m.readinessMs, m.wallMs)} ${m.peakRssMb.toFixed(0).padStart(6)} MiB`;
    console.log(`median of ${runs} run(s) on ${os.cpus().length} cores, Node ${process.version}`);
    console.log(`floor (SDKs + mock engine + analyzer, nothing registered): ${(floorMs / 1000).toFixed(2)} s`);
    console.log(
        `${"preview".padEnd(12)} ${"wall".padStart(9)} ${"floor".padStart(7)} ${"res.".padStart(6)} ${"policy".padStart(8)} ${"readiness".padStart(9)} ${"peak".padStart(10)}`,
    );
    for (const [s, m] of Object.entries(report.stacks)) console.log(row(s, m));
    console.log(row("all four", report.all));
    console.log(
        `${"programs".padEnd(12)} ${(programsMs / 1000).toFixed(2).padStart(7)} s ${report.programsAlone.ratioToFloor.toFixed(2).padStart(6)}×  (all four programs alone: nothing evaluated, nothing written)`,
    );
    console.log(`${"services".padEnd(12)} ${"resources".padStart(9)} ${"program+policy".padStart(15)} ${"per resource".padStart(13)}`);
    for (const s of scale) {
        const inProcess = ((s.programMs + s.policyMs) / 1000).toFixed(2);
        console.log(
            `${String(s.services).padEnd(12)} ${String(s.resources).padStart(9)} ${inProcess.padStart(13)} s ${s.msPerResource.toFixed(2).padStart(10)} ms`,
        );
    }
    console.log(`per-resource cost spread (largest / smallest − 1): ${(spread * 100).toFixed(1)} %`);
    if (suite)
        console.log(`npm test: mocha ${(suite.testsMs / 1000).toFixed(1)} s, tsc --noEmit ${(suite.typecheckMs / 1000).toFixed(1)} s`);
    console.log(`JSON: ${values.out}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
