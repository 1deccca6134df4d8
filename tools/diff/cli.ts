// The offline plan diff: what each stack's plan adds, removes and changes between two versions,
// with a loud warning where stored data is at risk. Writes Markdown to <out>/diff.md and stdout.
//   npm run diff -- --base <git-ref> [--stack NAME ...] [--head DIR] [--out DIR]   the ref's plans against the head's
//   npm run diff -- <base-plan.json> <head-plan.json> [--out DIR]
// Exit status: 0 diff written (whatever it says), 2 bad arguments, ref or plan file.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PlanError } from "../engine/plan";
import { BaseRefError } from "./base-ref";
import { renderMarkdown } from "./markdown";
import { DiffResult, diffAgainstRef, diffPlanFiles } from "./stacks";

const USAGE =
    "usage: npm run diff -- --base <git-ref> [--stack NAME ...] [--head DIR] [--out DIR]  |  npm run diff -- <base-plan.json> <head-plan.json> [--out DIR]";

class UsageError extends Error {}

function main(argv: string[]): void {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            base: { type: "string" },
            stack: { type: "string", multiple: true },
            head: { type: "string" },
            out: { type: "string", default: "out" },
        },
    });
    const outDir = values.out!;
    let result: DiffResult;
    if (values.base !== undefined) {
        if (positionals.length > 0) throw new UsageError("give either --base <git-ref> or two plan files, not both");
        result = diffAgainstRef(values.base, process.cwd(), values.head, values.stack);
    } else {
        if (values.stack) throw new UsageError("--stack goes with --base; two plan files are one stack already");
        if (positionals.length !== 2) throw new UsageError("expected two plan files (base, head) or --base <git-ref>");
        result = diffPlanFiles(positionals[0], positionals[1]);
    }
    const markdown = renderMarkdown(result.diffs, result.title);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "diff.md"), markdown);
    process.stdout.write(markdown);
}

try {
    main(process.argv.slice(2));
} catch (err) {
    if (err instanceof PlanError || err instanceof BaseRefError) {
        console.error(err.message);
        process.exit(2);
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
        console.error(`${(err as Error).message}\n${USAGE}`);
        process.exit(2);
    }
    throw err;
}
