import { PlannedResource } from "../engine/plan";
import { kindOf } from "./kinds";
import { PlanIndex } from "./plan-index";
import { describeSchedule } from "./schedule";

/** Where copies of data go: into a vault, to a replica, to another region. */
export interface DataFlow {
    source: PlannedResource;
    target: PlannedResource;
    label: string;
    kind: "backup" | "replication";
}

const vaultType = /^aws:backup\/vault:Vault$/;
const bucketType = /^aws:s3\/bucket(V2)?:Bucket(V2)?$/;

export function dataFlows(index: PlanIndex): DataFlow[] {
    return [...backupFlows(index), ...bucketReplication(index), ...storeReplication(index)];
}

/** Selected resources → plan's vault; vault → the vaults its copy actions name. */
function backupFlows(index: PlanIndex): DataFlow[] {
    const flows: DataFlow[] = [];
    for (const plan of index.ofType(/^aws:backup\/plan:Plan$/)) {
        const selected = index
            .ofType(/^aws:backup\/selection:Selection$/)
            .filter((s) => index.resolve(s, s.inputs.planId) === plan)
            .flatMap((s) => selectedBy(index, s));
        for (const rule of asArray(plan.inputs.rules)) {
            const vault = index.resolve(plan, rule.targetVaultName, vaultType);
            if (!vault) continue;
            const label = `backup ${describeSchedule(rule.schedule)}`;
            for (const r of selected) flows.push({ source: r, target: vault, label, kind: "backup" });
            for (const copy of asArray(rule.copyActions)) {
                const destination = index.resolve(plan, copy.destinationVaultArn, vaultType);
                if (destination)
                    flows.push({ source: vault, target: destination, label: `copy (${rule.ruleName ?? "rule"})`, kind: "backup" });
            }
        }
    }
    return merge(flows);
}

/** What a backup selection covers: resources named by ARN, and resources carrying its tags. */
function selectedBy(index: PlanIndex, selection: PlannedResource): PlannedResource[] {
    const named = asArray(selection.inputs.resources)
        .map((arn) => index.resolve(selection, arn))
        .filter((r): r is PlannedResource => r !== undefined);
    const conditions = [
        ...asArray(selection.inputs.selectionTags).map((t) => [t.key, t.value]),
        ...asArray(selection.inputs.conditions).flatMap((c) =>
            asArray(c.stringEquals).map((t) => [String(t.key).replace(/^aws:ResourceTag\//, ""), t.value]),
        ),
    ];
    const tagged = index.resources.filter(
        (r) => !["supporting", "service"].includes(kindOf(r.type)) && conditions.some(([k, v]) => (r.inputs.tags as any)?.[k] === v),
    );
    return [...new Set([...named, ...tagged])];
}

function bucketReplication(index: PlanIndex): DataFlow[] {
    return index.ofType(/^aws:s3\/bucketReplicationConfig(urationV2)?:/).flatMap((config) => {
        const source = index.resolve(config, config.inputs.bucket, bucketType);
        return asArray(config.inputs.rules).flatMap((rule) => {
            const target = index.resolve(config, rule.destination?.bucket, bucketType);
            return source && target ? [{ source, target, label: "replication", kind: "replication" as const }] : [];
        });
    });
}

/** A data store built from another (a read replica, a cluster member, a cross-region copy). */
function storeReplication(index: PlanIndex): DataFlow[] {
    return index.resources
        .filter((r) => kindOf(r.type) === "datastore")
        .flatMap((r) =>
            index
                .references(r)
                .filter((source) => kindOf(source.type) === "datastore")
                .map((source) => ({
                    source,
                    target: r,
                    label: /cluster/i.test(r.type) ? "member" : "replication",
                    kind: "replication" as const,
                })),
        );
}

/** One arrow per pair: `backup hourly` and `backup daily` into the same vault read `backup hourly, daily`. */
function merge(flows: DataFlow[]): DataFlow[] {
    const byPair = new Map<string, DataFlow>();
    for (const f of flows) {
        const key = `${f.source.urn}→${f.target.urn}`;
        const seen = byPair.get(key);
        if (!seen) byPair.set(key, { ...f });
        else if (!seen.label.includes(f.label)) seen.label = `${seen.label}, ${f.label.replace(/^backup /, "")}`;
    }
    return [...byPair.values()];
}

function asArray(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}
