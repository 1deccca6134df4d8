// Seed 000 asks for "daily full backups, 7-year retention". careplane's prod keeps daily points 30
// days, monthly a year and yearly 7 years. This compares the two schemes' steady state: how many
// recovery points each keeps and what they weigh and cost, simulated day by day from the backup
// plan's own rules. `npm run docs:examples` writes it into docs/examples.md (examples-doc.ts).
import { backupRules, BackupRuleSpec } from "../../components/backup/backup";
import { profiles, SEVEN_YEARS_DAYS } from "../../components/config/profiles";
import { RDS_MAX_BACKUP_RETENTION_DAYS } from "../../components/config/schema/database";


/** The assumptions, stated once: the prod profile's database size, a daily change rate, a price. */
export const assumptions = {
    databaseGb: profiles.prod.database.storageGb,
    /** Share of the database's blocks that change in a day (an assumption: measure it with the snapshots' sizes). */
    dailyChange: 0.02,
    /** RDS backup storage in us-east-1, USD per GB-month (Amazon RDS for PostgreSQL pricing, "Backup Storage"). */
    usdPerGbMonth: 0.095,
    /** The day the steady state is taken on: a fixed date keeps the figures stable. */
    asOf: new Date(Date.UTC(2026, 11, 31)),
};

const DAY_MS = 24 * 3600 * 1000;

/** Whether a scheduled (not continuous) rule takes a point on this UTC day: daily, monthly (1st) or yearly (1 January). */
function runsOn(rule: BackupRuleSpec, day: Date): boolean {
    const [, , dayOfMonth, month] = rule.schedule.replace(/^cron\(|\)$/g, "").split(" ");
    if (dayOfMonth !== "?" && dayOfMonth !== "*" && Number(dayOfMonth) !== day.getUTCDate()) return false;
    if (month !== "*" && Number(month) !== day.getUTCMonth() + 1) return false;
    return true;
}

export interface SchemeFigures {
    points: number;
    storedGb: number;
    usdPerMonth: number;
    oldestDays: number;
}

/**
 * The points a set of rules keeps on `asOf` (one per day at most), and what they store: the oldest
 * point holds the whole database, each younger one the blocks changed since the point before it
 * (RDS snapshots of one instance are incremental), at most the whole database again.
 */
export function steadyState(rules: BackupRuleSpec[]): SchemeFigures {
    const scheduled = rules.filter((r) => !r.continuous);
    const horizon = Math.max(...scheduled.map((r) => r.deleteAfterDays));
    const ages: number[] = [];
    for (let age = 0; age < horizon; age++) {
        const day = new Date(assumptions.asOf.getTime() - age * DAY_MS);
        if (scheduled.some((r) => age < r.deleteAfterDays && runsOn(r, day))) ages.push(age);
    }
    const { databaseGb: size, dailyChange } = assumptions;
    let storedGb = size;
    for (let i = 1; i < ages.length; i++) storedGb += Math.min(dailyChange * (ages[i] - ages[i - 1]), 1) * size;
    return {
        points: ages.length,
        storedGb: Math.round(storedGb),
        usdPerMonth: Math.round(storedGb * assumptions.usdPerGbMonth),
        oldestDays: ages[ages.length - 1],
    };
}

/** Prod's rules as the backup plan builds them, and the literal reading of the guide. */
export function schemes(): { careplane: BackupRuleSpec[]; dailyForSevenYears: BackupRuleSpec[] } {
    const backup = { retentionDays: SEVEN_YEARS_DAYS, objectLockMode: "COMPLIANCE" as const, restoreTesting: true, drRegion: "us-west-2" };
    const careplane = backupRules(profiles.prod, backup, RDS_MAX_BACKUP_RETENTION_DAYS);
    const daily = careplane.find((r) => r.ruleName === "daily")!;
    return { careplane, dailyForSevenYears: [{ ...daily, deleteAfterDays: SEVEN_YEARS_DAYS }] };
}

export function backupSchemeTable(): string {
    const { careplane, dailyForSevenYears } = schemes();
    const ours = steadyState(careplane);
    const literal = steadyState(dailyForSevenYears);
    const rules = careplane
        .filter((r) => !r.continuous)
        .map((r) => `${r.ruleName} kept ${r.deleteAfterDays} days`)
        .join(", ");
    const row = (name: string, f: SchemeFigures) =>
        `| ${name} | ${f.points} | ${f.oldestDays} | ${f.storedGb.toLocaleString("en-US")} | ${f.usdPerMonth.toLocaleString("en-US")} | ${(2 * f.usdPerMonth).toLocaleString("en-US")} |`;
    const a = assumptions;
    return [
        `Per database, at steady state on ${a.asOf.toISOString().slice(0, 10)}: a ${a.databaseGb} GB database (the prod profile's) changing ${a.dailyChange * 100} % a day, RDS backup storage at $${a.usdPerGbMonth} per GB-month. Both schemes also keep ${RDS_MAX_BACKUP_RETENTION_DAYS} days of point-in-time recovery (the continuous rule), left out of both rows.`,
        "",
        "| scheme | recovery points kept | oldest (days) | stored (GB) | USD / month | USD / month with the DR copy |",
        "|---|---|---|---|---|---|",
        row(`careplane prod: ${rules}`, ours),
        row(`the guide read literally: daily kept ${SEVEN_YEARS_DAYS} days`, literal),
        "",
        `The literal reading keeps ${Math.round(literal.points / ours.points)} times the recovery points and ${(literal.storedGb / ours.storedGb).toFixed(1)} times the storage.`,
    ].join("\n");
}
