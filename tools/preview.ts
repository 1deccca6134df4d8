// The offline preview: runs index.ts for each stack under the SDK's mock engine, evaluates the
// policy pack on every resource through its own analyzer server, prints a summary per stack,
// and writes out/<stack>/plan.json. Exit status: 0 clean or advisory only, 1 mandatory
// violation, 2 bad config or bad plan file.
import * as fs from "fs";
import { parseArgs } from "util";
import { ConfigError } from "../components/config";
import { PolicyAnalyzer } from "./engine/analyzer";
import { StackResult, writeArtifacts, writeSummaries } from "./engine/artifacts";
import { Plan, PlanError, readPlan, writePlan } from "./engine/plan";
import { runProgram } from "./engine/program";
import { findStackFiles, readStackFile, StackFileError } from "./engine/stack-files";
import { formatSummary } from "./engine/summary";

interface Cost {
    programMs: number | undefined;
    /** The pack's work on the stack: building its requests here plus the analyzer's CPU time. */
    policyMs: number;
    /** The part of policyMs spent in this process. */
    requestMs: number;
}
type TimedResult = StackResult & Cost;

/** What `--timings FILE` writes, for the benchmark. */
interface Timings {
    stacks: Array<{ stack: string; resources: number } & Cost>;
    /** How long the preview waited for the pack after the last program had run. */
    policyWaitMs: number;
    totalMs: number;
    peakRssMb: number;
    analyzerPeakRssMb: number;
}

const USAGE = "usage: npm start -- [--stack NAME] [--config-dir DIR] [--plan FILE ...] [--out DIR] [--timings FILE]";

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", multiple: true },
            "config-dir": { type: "string", default: "." },
            plan: { type: "string", multiple: true },
            out: { type: "string", default: "out" },
            timings: { type: "string" },
        },
    });
    const started = Date.now();
    const timings: Timings = { stacks: [], policyWaitMs: 0, totalMs: 0, peakRssMb: 0, analyzerPeakRssMb: 0 };
    const analyzerReady = PolicyAnalyzer.start();
    analyzerReady.catch(() => undefined);
    const results: TimedResult[] = [];
    try {
        if (values.plan) {
            for (const file of values.plan) {
                const plan = readPlan(file);
                console.log(`▸ ${plan.stack}: evaluating the policy pack on ${file}`);
                results.push(await evaluate(await analyzerReady, plan, file, undefined, values.out!));
            }
        } else {
            const dir = values["config-dir"]!;
            const stacks = values.stack ?? findStackFiles(dir);
            if (stacks.length === 0) throw new StackFileError(`${dir}: no Pulumi.<stack>.yaml files`);
            // The pack evaluates each stack in its own process while the next stack's program runs.
            let evaluated: Promise<unknown> = Promise.resolve();
            for (const stack of stacks) {
                const stackFile = readStackFile(dir, stack);
                console.log(`▸ ${stack}: running the program under the mock engine (${stackFile.file})`);
                const t0 = Date.now();
                const plan = await runProgram(stackFile);
                const programMs = Date.now() - t0;
                const planFile = writePlan(plan, values.out!);
                console.log(`▸ ${stack}: ${plan.resources.length} registrations; evaluating the policy pack`);
                evaluated = evaluated.then(async () =>
                    results.push(await evaluate(await analyzerReady, plan, planFile, programMs, values.out!)),
                );
                evaluated.catch(() => undefined);
            }
            const programsDone = Date.now();
            await evaluated;
            timings.policyWaitMs = Date.now() - programsDone;
        }
    } finally {
        const analyzer = await analyzerReady.catch(() => undefined);
        if (analyzer && values.timings) timings.analyzerPeakRssMb = analyzer.peakRssMb();
        await analyzer?.stop();
    }
    writeSummaries(results, values.out!);
    const all = results.flatMap((r) => r.violations);
    const mandatory = all.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = all.filter((v) => v.enforcementLevel === "advisory").length;
    if (values.timings) {
        timings.stacks = results.map((r) => ({
            stack: r.plan.stack,
            resources: r.plan.resources.length,
            programMs: r.programMs,
            policyMs: r.policyMs,
            requestMs: r.requestMs,
        }));
        timings.totalMs = Date.now() - started;
        timings.peakRssMb = process.resourceUsage().maxRSS / 1024;
        fs.writeFileSync(values.timings, JSON.stringify(timings, null, 2) + "\n");
    }
    console.log(
        `\n${results.length} stack(s): ${mandatory} mandatory, ${advisory} advisory violation(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return mandatory > 0 ? 1 : 0;
}

async function evaluate(
    analyzer: PolicyAnalyzer,
    plan: Plan,
    planFile: string,
    programMs: number | undefined,
    outDir: string,
): Promise<TimedResult> {
    const { violations, policyMs, requestMs } = await analyzer.evaluateTimed(plan);
    const result = { plan, violations, policies: analyzer.policies };
    writeArtifacts(result, outDir);
    console.log(formatSummary(plan, violations, { programMs, policyMs }, planFile));
    return { ...result, programMs, policyMs, requestMs };
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
        if (err instanceof ConfigError || err instanceof StackFileError || err instanceof PlanError) {
            console.error(err.message);
            process.exit(2);
        }
        if ((err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
            console.error(`${(err as Error).message}\n${USAGE}`);
            process.exit(2);
        }
        console.error(err);
        process.exit(3);
    },
);
