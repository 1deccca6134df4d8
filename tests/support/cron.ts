// AWS cron expressions (EventBridge / AWS Backup): cron(minutes hours day-of-month month day-of-week year),
// evaluated in UTC. Enough of the syntax for schedules: *, ?, lists, ranges, steps, names.

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

interface Field {
    min: number;
    max: number;
    names?: string[];
    /** The first name stands for this number (SUN = 1, JAN = 1). */
    nameBase?: number;
}

const fields: Field[] = [
    { min: 0, max: 59 },
    { min: 0, max: 23 },
    { min: 1, max: 31 },
    { min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
    { min: 1, max: 7, names: DAY_NAMES, nameBase: 1 },
    { min: 1970, max: 2199 },
];

function value(text: string, field: Field): number {
    const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + field.nameBase! : Number(text);
    if (!Number.isInteger(n) || n < field.min || n > field.max) throw new Error(`bad cron value ${text}`);
    return n;
}

/** The set of values a field allows, or undefined for `*` / `?` (anything). */
function parseField(text: string, field: Field): Set<number> | undefined {
    if (text === "*" || text === "?") return undefined;
    const out = new Set<number>();
    for (const part of text.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        let [lo, hi] = [field.min, field.max];
        if (range !== "*") {
            const [a, b] = range.split("-");
            lo = value(a, field);
            hi = b !== undefined ? value(b, field) : stepText !== undefined ? field.max : lo;
        }
        for (let v = lo; v <= hi; v += step) out.add(v);
    }
    return out;
}

export interface Cron {
    /** Whether the schedule runs on this UTC day at all. */
    onDay(day: Date): boolean;
    /** Minutes after midnight (UTC) it runs at, on the days it runs. */
    minutesOfDay: number[];
}

export function parseCron(expression: string): Cron {
    const m = /^cron\((.+)\)$/.exec(expression.trim());
    if (!m) throw new Error(`not a cron expression: ${expression}`);
    const parts = m[1].trim().split(/\s+/);
    if (parts.length !== 6) throw new Error(`expected 6 cron fields: ${expression}`);
    const [minute, hour, dom, month, dow, year] = parts.map((p, i) => parseField(p, fields[i]));
    const all = (set: Set<number> | undefined, f: Field) =>
        set ? [...set] : Array.from({ length: f.max - f.min + 1 }, (_, i) => f.min + i);
    const ok = (set: Set<number> | undefined, v: number) => set === undefined || set.has(v);
    return {
        onDay: (d) =>
            ok(dom, d.getUTCDate()) && ok(month, d.getUTCMonth() + 1) && ok(dow, d.getUTCDay() + 1) && ok(year, d.getUTCFullYear()),
        minutesOfDay: all(hour, fields[1])
            .flatMap((h) => all(minute, fields[0]).map((mi) => h * 60 + mi))
            .sort((a, b) => a - b),
    };
}

/** Every minute in [from, to) at which any of the expressions fires, in order. */
export function fireTimes(expressions: string[], from: Date, to: Date): number[] {
    const crons = expressions.map(parseCron);
    const times = new Set<number>();
    for (let day = from.getTime(); day < to.getTime(); day += DAY_MS) {
        const d = new Date(day);
        for (const c of crons) if (c.onDay(d)) for (const m of c.minutesOfDay) times.add(day + m * MINUTE_MS);
    }
    return [...times].sort((a, b) => a - b);
}

/**
 * The longest time, in minutes, with no scheduled run of any of the expressions: the worst-case
 * data loss the schedules allow, measured over `years` whole years from 2027 (leap year 2028 included).
 */
export function longestGapMinutes(expressions: string[], years = 2): number {
    const from = new Date(Date.UTC(2027, 0, 1));
    const to = new Date(Date.UTC(2027 + years, 0, 1));
    const times = fireTimes(expressions, from, to);
    if (times.length < 2) return Infinity;
    let longest = 0;
    for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
    return longest / MINUTE_MS;
}
