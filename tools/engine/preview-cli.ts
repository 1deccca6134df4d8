// The offline preview itself (tools/preview.ts starts the pack, then loads this): runs index.ts for
// each stack under the mock engine, evaluates the pack through its analyzer server, runs the
// deploy-readiness analysis over all the plans, prints a summary per stack and writes the artifacts.
import * as fs from "fs";
import { parseArgs } from "util";
import { ConfigError } from "../../components/config/stack-config";
import { analyzeRun } from "../readiness";
import { formatReadiness, readinessCounts } from "../readiness/report";
import { PolicyAnalyzer } from "./analyzer";
import { writeArtifacts, writeSummaries } from "./artifacts";
import { PackProcess } from "./pack-process";
import { PolicyConfigError, policyConfigFile, readPolicyConfig } from "./policy-config";
import { Plan, PlanError, readPlan, writePlan } from "./plan";
import { runProgram } from "./program";
import { findStackFiles, readStackFile, StackFileError } from "./stack-files";
import { StackResult, Writers } from "./result";
import { formatSummary } from "./summary";

type TimedResult = StackResult & { programMs: number | undefined; policyMs: number };

/** What `--timings FILE` writes, for the benchmark. */
interface Timings {
    stacks: Array<{ stack: string; resources: number; programMs: number | undefined; policyMs: number }>;
    /** The deploy-readiness analysis of all the stacks together. */
    readinessMs: number;
    totalMs: number;
    peakRssMb: number;
    analyzerPeakRssMb: number;
}

const USAGE =
    "usage: npm start -- [--stack NAME] [--config-dir DIR] [--plan FILE ...] [--out DIR] [--policy-config FILE] [--today YYYY-MM-DD] [--timings FILE]";

/** A usage error: one line, exit status 2. */
class UsageError extends Error {}

/** `--today YYYY-MM-DD`: the day the support calendars are read on (reproducible runs); today by default. */
function dayOf(value: string | undefined): Date {
    if (value === undefined) return new Date();
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(NaN);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
        throw new UsageError(`--today ${value}: expected a date as YYYY-MM-DD`);
    return day;
}

async function main(argv: string[], pack: PackProcess, writers: Writers): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", multiple: true },
            "config-dir": { type: "string" },
            plan: { type: "string", multiple: true },
            out: { type: "string", default: "out" },
            timings: { type: "string" },
            today: { type: "string" },
            "policy-config": { type: "string" },
        },
    });
    // The pack configuration `pulumi up --policy-pack-config` would take: given, or the one beside the stack files.
    const configFile = policyConfigFile(values["policy-config"], values.plan ? undefined : values["config-dir"]);
    const packConfig = configFile === undefined ? {} : readPolicyConfig(configFile);
    if (configFile !== undefined) console.log(`▸ pack configuration: ${configFile}`);
    const today = dayOf(values.today);
    const started = Date.now();
    const timings: Timings = { stacks: [], readinessMs: 0, totalMs: 0, peakRssMb: 0, analyzerPeakRssMb: 0 };
    const analyzerReady = PolicyAnalyzer.connect(pack, packConfig, configFile);
    analyzerReady.catch(() => undefined);
    const results: TimedResult[] = [];
    try {
        // A pack configuration the pack refuses stops the preview before any program runs.
        if (configFile !== undefined) await analyzerReady;
        if (values.plan) {
            for (const file of values.plan) {
                const plan = readPlan(file);
                console.log(`▸ ${plan.stack}: evaluating the policy pack on ${file}`);
                results.push(await evaluate(await analyzerReady, plan, file, undefined));
            }
        } else {
            const dir = values["config-dir"] ?? ".";
            const stacks = values.stack ?? findStackFiles(dir);
            if (stacks.length === 0) throw new StackFileError(`${dir}: no Pulumi.<stack>.yaml files`);
            for (const stack of stacks) {
                const stackFile = readStackFile(dir, stack);
                console.log(`▸ ${stack}: running the program under the mock engine (${stackFile.file})`);
                const t0 = Date.now();
                const plan = await runProgram(stackFile);
                const programMs = Date.now() - t0;
                const planFile = writePlan(plan, values.out!);
                console.log(`▸ ${stack}: ${plan.resources.length} registrations; evaluating the policy pack`);
                results.push(await evaluate(await analyzerReady, plan, planFile, programMs));
            }
        }
    } finally {
        const analyzer = await analyzerReady.catch(() => undefined);
        if (analyzer && values.timings) timings.analyzerPeakRssMb = analyzer.peakRssMb();
        await analyzer?.stop();
    }
    const t0 = Date.now();
    const readiness = await analyzeRun(
        results.map((r) => r.plan),
        { today },
    );
    timings.readinessMs = Date.now() - t0;
    results.forEach((r, i) => (r.readiness = readiness[i]));
    for (const r of readiness) console.log(formatReadiness(r));
    for (const r of results) writeArtifacts(r, values.out!, writers.artifacts);
    writeSummaries(results, values.out!, writers.summaries);
    const all = results.flatMap((r) => r.violations);
    const mandatory = all.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = all.filter((v) => v.enforcementLevel === "advisory").length;
    if (values.timings) {
        timings.stacks = results.map((r) => ({
            stack: r.plan.stack,
            resources: r.plan.resources.length,
            programMs: r.programMs,
            policyMs: r.policyMs,
        }));
        timings.totalMs = Date.now() - started;
        timings.peakRssMb = process.resourceUsage().maxRSS / 1024;
        fs.writeFileSync(values.timings, JSON.stringify(timings, null, 2) + "\n");
    }
    const { blockers, warnings } = readinessCounts(readiness);
    console.log(
        `\n${results.length} stack(s): ${mandatory} mandatory, ${advisory} advisory violation(s); ${blockers} deploy blocker(s), ${warnings} readiness warning(s) in ${((Date.now() - started) / 1000).toFixed(1)} s (readiness ${(timings.readinessMs / 1000).toFixed(2)} s)`,
    );
    return mandatory > 0 || blockers > 0 ? 1 : 0;
}

async function evaluate(analyzer: PolicyAnalyzer, plan: Plan, planFile: string, programMs: number | undefined): Promise<TimedResult> {
    const t0 = Date.now();
    const violations = await analyzer.evaluate(plan);
    const policyMs = Date.now() - t0;
    const result = { plan, violations, policies: analyzer.policies };
    console.log(formatSummary(plan, violations, { programMs, policyMs }, planFile));
    return { ...result, programMs, policyMs };
}

/** Runs the preview with the pack already spawned, and exits with its status. */
export function runPreview(argv: string[], pack: PackProcess, writers: Writers): void {
    main(argv, pack, writers).then(
        (code) => process.exit(code),
        (err) => {
            if (
                err instanceof ConfigError ||
                err instanceof StackFileError ||
                err instanceof PlanError ||
                err instanceof UsageError ||
                err instanceof PolicyConfigError
            ) {
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
}
