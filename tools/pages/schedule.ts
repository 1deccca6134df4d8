/** How often an AWS Backup schedule runs, from its cron or rate expression. */
export interface Cadence {
    /** `hourly`, `daily`, `every 4 h`, … (the expression itself when it is unusual). */
    name: string;
    /** The longest gap between two runs, in hours: the data a restore from it can lose. */
    intervalHours: number | undefined;
}

const HOURS = { daily: 24, weekly: 7 * 24, monthly: 31 * 24, yearly: 366 * 24 };

export function cadenceOf(schedule: unknown): Cadence {
    if (typeof schedule !== "string") return { name: "no schedule", intervalHours: undefined };
    const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(schedule.trim());
    if (rate) {
        const hours = Number(rate[1]) * { minute: 1 / 60, hour: 1, day: 24 }[rate[2] as "minute" | "hour" | "day"];
        return { name: `every ${rate[1]} ${rate[2]}${rate[1] === "1" ? "" : "s"}`, intervalHours: hours };
    }
    const fields = /^cron\((.+)\)$/.exec(schedule.trim())?.[1]?.split(/\s+/);
    if (!fields || fields.length < 6) return { name: schedule, intervalHours: undefined };
    const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
    if (minute.includes("/")) {
        const every = Number(minute.split("/")[1]);
        return { name: `every ${every} min`, intervalHours: every / 60 };
    }
    if (hour === "*") return { name: "hourly", intervalHours: 1 };
    if (hour.includes("/")) {
        const every = Number(hour.split("/")[1]);
        return { name: every === 1 ? "hourly" : `every ${every} h`, intervalHours: every };
    }
    if (hour.includes(",")) {
        const hours = hour
            .split(",")
            .map(Number)
            .sort((a, b) => a - b);
        const gaps = hours.map((h, i) => (i === 0 ? h + 24 - hours[hours.length - 1] : h - hours[i - 1]));
        return { name: `${hours.length}× daily`, intervalHours: Math.max(...gaps) };
    }
    const anyDay = (v: string) => v === "*" || v === "?";
    if (anyDay(dayOfMonth) && anyDay(dayOfWeek)) return { name: "daily", intervalHours: HOURS.daily };
    if (anyDay(dayOfMonth)) return { name: "weekly", intervalHours: HOURS.weekly };
    if (month === "*") return { name: "monthly", intervalHours: HOURS.monthly };
    return { name: "yearly", intervalHours: HOURS.yearly };
}

export function describeSchedule(schedule: unknown): string {
    return cadenceOf(schedule).name;
}
