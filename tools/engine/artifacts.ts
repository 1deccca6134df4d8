import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { complianceMarkdown } from "../report/markdown";
import { ArtifactWriter, SummaryWriter, StackResult } from "./result";

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

/**
 * alertmanager.yaml: the Alertmanager configuration the kube-prometheus-stack release carries (what
 * `amtool check-config` reads). It names credential files, never credentials. Stacks without a cluster get none.
 */
export const writeAlertmanagerConfig: ArtifactWriter = (result, dir) => {
    const release = result.plan.resources.find(
        (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "kube-prometheus-stack",
    );
    const config = (release?.inputs.values as { alertmanager?: { config?: unknown } } | undefined)?.alertmanager?.config;
    if (config === undefined) return [];
    const file = path.join(dir, "alertmanager.yaml");
    fs.writeFileSync(file, stringify(config, { lineWidth: 0 }));
    return [file];
};

const writeCompliance: ArtifactWriter = (result, dir) => {
    const file = path.join(dir, "compliance.md");
    fs.writeFileSync(file, complianceMarkdown(result.plan, result.violations));
    return [file];
};

/** The engine's own artifacts beside each plan: violations, the rules file, the Alertmanager configuration and the compliance report. */
export const engineArtifactWriters: ArtifactWriter[] = [writeViolations, writeRules, writeAlertmanagerConfig, writeCompliance];

export function writeArtifacts(result: StackResult, outDir: string, writers: ArtifactWriter[] = engineArtifactWriters): string[] {
    const dir = path.join(outDir, result.plan.stack);
    fs.mkdirSync(dir, { recursive: true });
    return writers.flatMap((write) => write(result, dir));
}

export function writeSummaries(results: StackResult[], outDir: string, writers: SummaryWriter[]): string[] {
    fs.mkdirSync(outDir, { recursive: true });
    return writers.flatMap((write) => write(results, outDir));
}
