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

/**
 * Selected resources → the vault (unlabelled: the schedules are said once, on the plan → vault
 * arrow); vault → the vaults its copy actions name.
 */
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
            flows.push({ source: plan, target: vault, label: `backup ${describeSchedule(rule.schedule)}`, kind: "backup" });
            for (const r of selected) flows.push({ source: r, target: vault, label: "", kind: "backup" });
            for (const copy of asArray(rule.copyActions)) {
                const destination = index.resolve(plan, copy.destinationVaultArn, vaultType);
                if (destination)
                    flows.push({ source: vault, target: destination, label: `copy ${rule.ruleName ?? "rule"}`, kind: "backup" });
            }
        }
    }
    return merge(flows);
}

/**
 * What a backup selection covers among the data stores and buckets: those named by ARN, those
 * carrying one of its `selectionTags` (any), and with `resources: ["*"]`, those meeting all its
 * `conditions`.
 */
function selectedBy(index: PlanIndex, selection: PlannedResource): PlannedResource[] {
    const candidates = index.resources.filter((r) => ["datastore", "bucket"].includes(kindOf(r.type)));
    const arns = asArray(selection.inputs.resources);
    const named = arns.map((arn) => index.resolve(selection, arn)).filter((r): r is PlannedResource => r !== undefined);
    const tagOf = (r: PlannedResource, key: string) =>
        (r.inputs.tags as Record<string, unknown> | undefined)?.[String(key).replace(/^aws:ResourceTag\//, "")];
    const byTag = candidates.filter((r) => asArray(selection.inputs.selectionTags).some((t) => tagOf(r, t.key) === t.value));
    const conditions = asArray(selection.inputs.conditions).flatMap((c) =>
        Object.entries(c as Record<string, unknown>).flatMap(([op, list]) =>
            asArray(list).map((t) => ({ op, key: t.key, value: t.value })),
        ),
    );
    const meets = (r: PlannedResource) =>
        conditions.every(({ op, key, value }) => {
            const actual = tagOf(r, key);
            const like = typeof actual === "string" && new RegExp(`^${String(value).split("*").map(escapeRegex).join(".*")}$`).test(actual);
            return (
                { stringEquals: actual === value, stringNotEquals: actual !== value, stringLike: like, stringNotLike: !like }[op] ?? true
            );
        });
    const byCondition = arns.includes("*") && conditions.length > 0 ? candidates.filter(meets) : [];
    return [...new Set([...named, ...byTag, ...byCondition])];
}

function escapeRegex(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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

/** One arrow per pair: `backup hourly` and `backup daily` into the same vault read `backup hourly, daily`; copies likewise. */
function merge(flows: DataFlow[]): DataFlow[] {
    const byPair = new Map<string, DataFlow>();
    for (const f of flows) {
        const key = `${f.source.urn}→${f.target.urn}`;
        const seen = byPair.get(key);
        if (!seen) byPair.set(key, { ...f });
        else if (f.label && !seen.label.includes(f.label)) seen.label = `${seen.label}, ${f.label.split(" ").slice(1).join(" ")}`;
    }
    return [...byPair.values()];
}

function asArray(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}
