// docs/examples.md's generated blocks: the backup-scheme comparison and the requirement counts.
// `npm run docs:examples` rewrites them; tests/examples/requirements.test.ts keeps them current.
import * as fs from "fs";
import * as path from "path";
import { backupSchemeTable } from "./backup-scheme";
import { replaceBlock } from "./blocks";
import { countsTable } from "./seed-requirements";

export const DOC = path.resolve(__dirname, "../../docs/examples.md");
const COMMAND = "npm run docs:examples";

export function renderDoc(current: string): string {
    return replaceBlock(replaceBlock(current, "backup-scheme", COMMAND, backupSchemeTable()), "requirement-counts", COMMAND, countsTable());
}

if (require.main === module) {
    fs.writeFileSync(DOC, renderDoc(fs.readFileSync(DOC, "utf8")));
    console.log(`wrote ${path.relative(process.cwd(), DOC)}`);
}
