// The rule table of docs/readiness.md: every hand-written rule with what it demands and its source,
// and the constraints generated from the API models, counted per resource type.
// `npm run docs:readiness` rewrites the generated part of docs/readiness.md.
import * as fs from "fs";
import * as path from "path";
import { replaceBlock } from "../report/blocks";
import { FAMILIES } from "./finding";
import { runRules, stackRules } from "./rules";
import { CONSTRAINTS, ruleIdOf } from "./rules/constraints/generated";
import table from "./rules/constraints/table.json";

export const DOC = path.resolve(__dirname, "../../docs/readiness.md");

export function ruleTable(): string {
    const generated = new Set(CONSTRAINTS.map(ruleIdOf));
    const all = [...stackRules, ...runRules];
    const written = all.filter((r) => !generated.has(r.id));
    const perType = new Map<string, number>();
    for (const c of CONSTRAINTS) perType.set(c.type, (perType.get(c.type) ?? 0) + 1);
    const cell = (s: string) => s.replace(/\|/g, "\\|");
    return [
        `${all.length} rules: ${CONSTRAINTS.length} generated from AWS's API models (botocore ${table.generatedFrom.botocore}, @aws-cdk/aws-service-spec ${table.generatedFrom.awsServiceSpec}) and ${written.length} written by hand.`,
        "",
        "| family | rule | what it demands | source |",
        "|---|---|---|---|",
        ...FAMILIES.flatMap((family) =>
            written
                .filter((r) => r.family === family)
                .map((r) => `| ${family} | \`${r.id}\` | ${cell(r.description)} | [source](${r.source}) |`),
        ),
        "",
        `The ${CONSTRAINTS.length} generated constraints, per resource type (each checks one input property; \`tools/readiness/rules/constraints/table.json\` lists them with their model shape):`,
        "",
        "| resource type | constraints |",
        "|---|---|",
        ...[...perType].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `| \`${type}\` | ${n} |`),
    ].join("\n");
}

export function renderDoc(current: string): string {
    return replaceBlock(current, "rules", "npm run docs:readiness", ruleTable());
}

if (require.main === module) {
    fs.writeFileSync(DOC, renderDoc(fs.readFileSync(DOC, "utf8")));
    console.log(`wrote ${path.relative(process.cwd(), DOC)}`);
}
