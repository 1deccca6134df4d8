import { PropsOf } from "./resource-types";
import { ofType, referencedBy, StackResource, Typed } from "./stack";

export const VAULT = "aws:backup/vault:Vault";
export const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
export const PLAN = "aws:backup/plan:Plan";
type PlanRule = NonNullable<PropsOf<typeof PLAN>["rules"]>[number];
export const SELECTION = "aws:backup/selection:Selection";

/** Continuous backup (point-in-time recovery) loses at most a few minutes. */
const CONTINUOUS_HOURS = 5 / 60;

/**
 * The longest gap, in hours, between two runs of an AWS Backup schedule
 * (`cron(min hour day-of-month month day-of-week year)`); undefined when it cannot be read.
 */
export function scheduleIntervalHours(schedule: unknown): number | undefined {
    if (typeof schedule !== "string") return undefined;
    const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule.trim());
    if (rate) return Number(rate[1]) * (rate[2].startsWith("minute") ? 1 / 60 : rate[2].startsWith("hour") ? 1 : 24);
    const cron = /^cron\((.+)\)$/.exec(schedule.trim());
    if (!cron) return undefined;
    const [, hour, dayOfMonth, month, dayOfWeek] = cron[1].trim().split(/\s+/);
    if (month !== undefined && month !== "*") return 24 * 366;
    if (dayOfMonth !== undefined && !["*", "?"].includes(dayOfMonth)) return 24 * 31;
    if (dayOfWeek !== undefined && !["*", "?"].includes(dayOfWeek)) return 24 * 7;
    return hourGap(hour);
}

function hourGap(field: string | undefined): number | undefined {
    if (field === undefined) return undefined;
    if (field === "*") return 1;
    const step = /^(\*|\d+)\/(\d+)$/.exec(field);
    if (step) return Number(step[2]);
    const hours = field.split(",").map(Number);
    if (hours.some((h) => !Number.isInteger(h) || h < 0 || h > 23)) return undefined;
    const sorted = [...new Set(hours)].sort((a, b) => a - b);
    const gaps = sorted.map((h, i) => h - (i === 0 ? sorted[sorted.length - 1] - 24 : sorted[i - 1]));
    return Math.max(...gaps);
}

/** The worst-case data loss of a plan: its most frequent rule's gap, or minutes for continuous backup. */
export function planRpoHours(rules: PlanRule[]): number | undefined {
    const gaps = rules
        .map((r) => (r.enableContinuousBackup === true ? CONTINUOUS_HOURS : scheduleIntervalHours(r.schedule)))
        .filter((g): g is number => g !== undefined);
    return gaps.length === 0 ? undefined : Math.min(...gaps);
}

/** Days a rule keeps its recovery points (its own lifecycle or a copy's); Infinity when never deleted. */
export function ruleRetentionDays(rule: PlanRule): number {
    const own = rule.lifecycle?.deleteAfter ?? Infinity;
    const copies = (rule.copyActions ?? []).map((c) => c.lifecycle?.deleteAfter ?? Infinity);
    return Math.max(own, ...copies);
}

/** Tag pairs a selection picks resources by (selectionTags and StringEquals conditions). */
function tagPairs(selection: Typed<typeof SELECTION>): Array<[string, string]> {
    const byTag = (selection.props.selectionTags ?? [])
        .filter((t) => t.type === "STRINGEQUALS")
        .map((t) => [t.key, t.value] as [string, string]);
    const byCondition = (selection.props.conditions ?? [])
        .flatMap((c) => c.stringEquals ?? [])
        .map((c) => [String(c.key).replace(/^aws:ResourceTag\//, ""), c.value] as [string, string]);
    return [...byTag, ...byCondition];
}

/** Whether an AWS Backup selection picks a resource: by ARN, or by its tags. */
/** A resource a backup selection may pick by its tags. */
export type Store = StackResource & { props: { tags?: Record<string, string> } };

export function selects(selection: Typed<typeof SELECTION>, store: Store): boolean {
    if (referencedBy(selection, "notResources").some((d) => d.urn === store.urn)) return false;
    if (referencedBy(selection, "resources").some((d) => d.urn === store.urn)) return true;
    if ((selection.props.resources ?? []).includes("*")) return tagPairs(selection).every(([k, v]) => store.props.tags?.[k] === v);
    const pairs = tagPairs(selection);
    return pairs.length > 0 && pairs.some(([k, v]) => store.props.tags?.[k] === v);
}

/** Whether a resource is backed up by a plan that copies its recovery points to another vault (the DR region's). */
export function copiedAway(resources: StackResource[], store: Store): boolean {
    return ofType(
        ofType(resources, SELECTION)
            .filter((s) => selects(s, store))
            .flatMap((s) => referencedBy(s, "planId")),
        PLAN,
    ).some((plan) => (plan.props.rules ?? []).some((r) => (r.copyActions ?? []).some((c) => Boolean(c.destinationVaultArn))));
}
