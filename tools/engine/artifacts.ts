import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { PolicyInfo, Violation } from "./analyzer";
import { Plan } from "./plan";
import { writeArchitecture, writeIndexPage, writeStackPage } from "../pages/writers";
import { complianceMarkdown } from "../report/markdown";

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

export const PROMETHEUS_RULE_TYPE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

/**
 * rules.yaml: the rule groups of every PrometheusRule the program declares, as one Prometheus rules
 * file (what `promtool check rules` reads). Stacks without a cluster declare none and get no file.
 */
export const writeRules: ArtifactWriter = (result, dir) => {
    const groups = result.plan.resources
        .filter((r) => r.type === PROMETHEUS_RULE_TYPE)
        .flatMap((r) => ((r.inputs.spec as { groups?: unknown[] } | undefined)?.groups ?? []) as unknown[]);
    if (groups.length === 0) return [];
    const file = path.join(dir, "rules.yaml");
    fs.writeFileSync(file, stringify({ groups }, { lineWidth: 0 }));
    return [file];
};

const writeCompliance: ArtifactWriter = (result, dir) => {
    const file = path.join(dir, "compliance.md");
    fs.writeFileSync(file, complianceMarkdown(result.plan, result.violations));
    return [file];
};

/** Writes something about all the stacks of a run into the output folder (out/); returns the files written. */
export type SummaryWriter = (results: StackResult[], outDir: string) => string[];

/** Each area that renders something per stack (rules, reports, pages) adds its writer here. */
export const artifactWriters: ArtifactWriter[] = [writeViolations, writeRules, writeCompliance, writeArchitecture, writeStackPage];

/** Run once every stack is written (an index page linking them). */
export const summaryWriters: SummaryWriter[] = [writeIndexPage];

export function writeArtifacts(result: StackResult, outDir: string): string[] {
    const dir = path.join(outDir, result.plan.stack);
    fs.mkdirSync(dir, { recursive: true });
    return artifactWriters.flatMap((write) => write(result, dir));
}

export function writeSummaries(results: StackResult[], outDir: string): string[] {
    fs.mkdirSync(outDir, { recursive: true });
    return summaryWriters.flatMap((write) => write(results, outDir));
}
