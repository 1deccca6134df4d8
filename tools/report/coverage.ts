// The pack's coverage table (in docs/policies.md): every control with its HIPAA sections and the
// cdk-nag HIPAA rules it matches, then the cdk-nag rules careplane has no resource for.
// `npm run docs:policies` rewrites the generated part of docs/policies.md.
import * as fs from "fs";
import * as path from "path";
import { cdkNagNotApplicable } from "../../policies/lib/cdk-nag";
import { controls } from "../../policies/pack";
import { replaceBlock } from "./blocks";

export const DOC = path.resolve(__dirname, "../../docs/policies.md");

const short = (rule: string) => rule.replace(/^HIPAA\.Security-/, "");

export function coverageTable(): string {
    const rows = controls.map(({ meta }) => {
        const nag = meta.cdkNag.length ? meta.cdkNag.map(short).join(", ") : "none — careplane only";
        return `| \`${meta.name}\` | ${meta.enforcementLevel} | ${meta.severity} | ${meta.hipaa.join(", ")} | ${nag} | ${meta.description.replace(/\|/g, "\\|")} |`;
    });
    const skipped = Object.entries(cdkNagNotApplicable).map(([rule, { reason }]) => `| ${short(rule)} | ${reason} |`);
    const matched = new Set(controls.flatMap((c) => c.meta.cdkNag)).size;
    return [
        `${controls.length} controls (${controls.filter((c) => c.meta.enforcementLevel === "mandatory").length} mandatory); they match ${matched} of cdk-nag's 90 HIPAA Security rules, and ${controls.filter((c) => c.meta.cdkNag.length === 0).length} controls check what cdk-nag does not.`,
        "",
        "| control | level | severity | HIPAA sections | cdk-nag rule(s) matched | what it requires |",
        "|---|---|---|---|---|---|",
        ...rows,
        "",
        `The other ${skipped.length} cdk-nag HIPAA rules concern resource types careplane never creates (a test checks every stack's plan):`,
        "",
        "| cdk-nag rule | why it does not apply |",
        "|---|---|",
        ...skipped,
    ].join("\n");
}

/** The document with its generated part replaced by the current table. */
export function renderDoc(current: string): string {
    return replaceBlock(current, "coverage", "npm run docs:policies", coverageTable());
}

if (require.main === module) {
    fs.writeFileSync(DOC, renderDoc(fs.readFileSync(DOC, "utf8")));
    console.log(`wrote ${path.relative(process.cwd(), DOC)}`);
}
