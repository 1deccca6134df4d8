import * as fs from "fs";
import * as path from "path";
import { PolicyInfo, Violation } from "./analyzer";
import { Plan } from "./plan";

/** Everything known about one previewed stack once the pack has evaluated it. */
export interface StackResult {
    plan: Plan;
    violations: Violation[];
    /** The pack's policies as its analyzer describes them. */
    policies: PolicyInfo[];
}

/** Writes one artifact for a stack into its folder (out/<stack>/); returns the files written. */
export type ArtifactWriter = (result: StackResult, stackDir: string) => string[];

const writeViolations: ArtifactWriter = (result, dir) => {
    const file = path.join(dir, "violations.json");
    fs.writeFileSync(file, JSON.stringify(result.violations, null, 2) + "\n");
    return [file];
};

/** Each area that renders something per stack (rules, reports, pages) adds its writer here. */
export const artifactWriters: ArtifactWriter[] = [writeViolations];

export function writeArtifacts(result: StackResult, outDir: string): string[] {
    const dir = path.join(outDir, result.plan.stack);
    fs.mkdirSync(dir, { recursive: true });
    return artifactWriters.flatMap((write) => write(result, dir));
}
