import type { StackReadiness } from "../readiness/finding";
import { PolicyInfo, Violation } from "./analyzer";
import { Plan } from "./plan";

/** Everything known about one previewed stack once the pack has evaluated it. */
export interface StackResult {
    plan: Plan;
    violations: Violation[];
    /** The pack's policies as its analyzer describes them. */
    policies: PolicyInfo[];
    /** The deploy-readiness analysis of the plan (absent where a caller ran the pack alone). */
    readiness?: StackReadiness;
}

/** Writes one artifact for a stack into its folder (out/<stack>/); returns the files written. */
export type ArtifactWriter = (result: StackResult, stackDir: string) => string[];

/** Writes something about all the stacks of a run into the output folder (out/); returns the files written. */
export type SummaryWriter = (results: StackResult[], outDir: string) => string[];

/** What a run writes: the entry point (tools/preview.ts) assembles the lists, so the engine imports no page code. */
export interface Writers {
    artifacts: ArtifactWriter[];
    summaries: SummaryWriter[];
}
