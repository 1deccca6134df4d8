import { isType, resourceControl } from "../lib/control";
import { highAvailability } from "../lib/minimums";

const SCHEDULER = "aws:scheduler/schedule:Schedule";
const SCHEDULED_ACTION = "aws:appautoscaling/scheduledAction:ScheduledAction";
const ASG_SCHEDULE = "aws:autoscaling/schedule:Schedule";
const TYPES = [SCHEDULER, SCHEDULED_ACTION, ASG_SCHEDULE] as const;

const UNIVERSAL_TARGET = /^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)$/;
/** Request fields that size compute (EKS UpdateNodegroupConfig, ECS UpdateService, Auto Scaling, App Auto Scaling). */
const CAPACITY_FIELDS = new Set(["desiredsize", "maxsize", "desiredcount", "desiredcapacity", "maxcapacity"]);

/** The capacity fields a universal target's request sets to 0, wherever they sit in it. */
function zeroedFields(value: unknown, found: string[] = []): string[] {
    if (Array.isArray(value)) value.forEach((v) => zeroedFields(v, found));
    else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            if (CAPACITY_FIELDS.has(k.toLowerCase()) && v === 0) found.push(k);
            else zeroedFields(v, found);
        }
    }
    return found;
}

function parse(input: unknown): unknown {
    if (typeof input !== "string") return input;
    try {
        return JSON.parse(input);
    } catch {
        return undefined;
    }
}

export const alwaysOnNotScheduledDown = resourceControl({
    name: "careplane-always-on-not-scheduled-down",
    description:
        "Staging and prod run 24/7 [000: staging 24/7 for monitoring, prod 99.9% SLA]: no schedule stops their instances or scales their node groups, services or Auto Scaling groups to zero; only dev and test run business hours.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: TYPES,
    check: (props, subject) => {
        const environment = subject.environment;
        if (!highAvailability[environment]) return undefined;
        const expected = `no scheduled stop or scale-to-zero in ${environment}, which runs 24/7`;
        if (isType(subject, SCHEDULER, props)) {
            const target = (props.target ?? {}) as { arn?: unknown; input?: unknown };
            const m = UNIVERSAL_TARGET.exec(typeof target.arn === "string" ? target.arn : "");
            if (!m) return undefined;
            const [, service, action] = m;
            if (action.startsWith("stop")) return { problem: `the schedule calls ${service}:${action}`, expected };
            const zeroed = zeroedFields(parse(target.input));
            if (zeroed.length > 0) return { problem: `the schedule's ${service}:${action} sets ${zeroed.join(", ")} to 0`, expected };
            return undefined;
        }
        if (isType(subject, SCHEDULED_ACTION, props)) {
            const action = (props.scalableTargetAction ?? {}) as { maxCapacity?: unknown };
            if (action.maxCapacity === 0) return { problem: "the scheduled action sets maxCapacity to 0", expected };
            return undefined;
        }
        if (isType(subject, ASG_SCHEDULE, props) && (props.desiredCapacity === 0 || props.maxSize === 0)) {
            return { problem: `the scheduled action sets ${props.desiredCapacity === 0 ? "desiredCapacity" : "maxSize"} to 0`, expected };
        }
        return undefined;
    },
});
