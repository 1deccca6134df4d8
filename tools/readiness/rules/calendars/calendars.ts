// Support calendars: every version the plan pins is in standard support on the day of the preview.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { stackRule } from "../../rule";
import { Finding, RuleInfo, SupportLine } from "../../finding";
import { T } from "../aws";
import { chartOf } from "../order/kubernetes";
import { ADDONS, Calendar, CHARTS, EKS, ELASTICACHE_REDIS, RDS_POSTGRES, Window } from "./data";

const DAY = 86_400_000;
export const WARN_DAYS = 90;

export function daysUntil(date: string, today: Date): number {
    return Math.floor((Date.parse(`${date}T23:59:59Z`) - today.getTime()) / DAY);
}

/** The support window a version falls in (`16.4` in `16`, `1.32` in `1.32`, `0.19.2` in `0.19`). */
function windowOf(calendar: { windows: Window[] }, version: string): Window | undefined {
    return [...calendar.windows]
        .sort((a, b) => b.version.length - a.version.length)
        .find((w) => version === w.version || version.startsWith(`${w.version}.`));
}

interface Pinned {
    resource: PlannedResource;
    calendar: Calendar;
    version: string;
}

function pinned(ctx: ReadinessContext): Pinned[] {
    return [
        ...ctx.ofType(T.eks).map((r) => ({ resource: r, calendar: EKS, version: str(r.inputs.version) ?? "" })),
        ...ctx
            .ofType(T.rds)
            .filter((r) => r.inputs.engine === "postgres")
            .map((r) => ({ resource: r, calendar: RDS_POSTGRES, version: str(r.inputs.engineVersion) ?? "" })),
        ...ctx
            .ofType(T.cache)
            .filter((r) => (r.inputs.engine ?? "redis") === "redis")
            .map((r) => ({ resource: r, calendar: ELASTICACHE_REDIS, version: str(r.inputs.engineVersion) ?? "" })),
        ...ctx.ofType(T.release).flatMap((r) => {
            const chart = CHARTS[chartOf(r)];
            return chart
                ? [
                      {
                          resource: r,
                          calendar: { subject: `chart ${chartOf(r)}`, source: chart.source, windows: chart.windows },
                          version: str(r.inputs.version) ?? "",
                      },
                  ]
                : [];
        }),
    ].filter((p) => p.version);
}

/** Every pinned version with its support left (for the console and the stack page). */
export function supportLines(ctx: ReadinessContext): SupportLine[] {
    return pinned(ctx).map((p) => {
        const w = windowOf(p.calendar, p.version);
        return {
            subject: p.calendar.subject,
            version: p.version,
            resource: p.resource.name,
            ends: w?.standardEnd,
            daysLeft: w?.standardEnd ? daysUntil(w.standardEnd, ctx.today) : undefined,
        };
    });
}

function check(ctx: ReadinessContext, rule: RuleInfo, p: Pinned): Finding[] {
    const w = windowOf(p.calendar, p.version);
    if (!w)
        return [
            ctx.finding(rule, p.resource, {
                severity: "warning",
                message: `${p.calendar.subject} ${p.version} is not in the dated support table (${p.calendar.source})`,
                fix: "check its support dates at the source and add them to tools/readiness/rules/calendars/data.ts",
            }),
        ];
    if (!w.standardEnd) return [];
    const left = daysUntil(w.standardEnd, ctx.today);
    if (left < 0)
        return [
            ctx.finding(rule, p.resource, {
                message: `${p.calendar.subject} ${p.version} left standard support on ${w.standardEnd} (${-left} days ago)${w.extendedEnd ? `; extended support, charged by the hour, ends ${w.extendedEnd}` : ""}`,
                fix: `move to a version in standard support (see ${p.calendar.source})`,
            }),
        ];
    if (left < WARN_DAYS)
        return [
            ctx.finding(rule, p.resource, {
                severity: "warning",
                message: `${p.calendar.subject} ${p.version} leaves standard support on ${w.standardEnd}: ${left} days left`,
                fix: "plan the upgrade now",
            }),
        ];
    return [];
}

export const versionsInSupport = stackRule(
    {
        id: "calendars/standard-support",
        family: "calendars",
        description:
            "The EKS version, the RDS PostgreSQL and ElastiCache Redis engines and calendared chart pins are in standard support today (a warning under 90 days)",
        source: EKS.source,
    },
    (ctx, rule) => pinned(ctx).flatMap((p) => check(ctx, rule, p)),
);

export const addonsMatchCluster = stackRule(
    {
        id: "calendars/addon-versions",
        family: "calendars",
        description:
            "Each EKS add-on pin is offered for the cluster's Kubernetes version (kube-proxy on the same minor version); a version the dated table does not cover is a warning",
        source: ADDONS.source,
    },
    (ctx, rule) =>
        ctx.ofType(T.addon).flatMap((addon) => {
            const cluster = ctx.ofType(T.eks).find((c) => ctx.graph.waitsFor(addon, c));
            const kubernetes = str(cluster?.inputs.version);
            const name = str(addon.inputs.addonName) ?? "";
            const version = str(addon.inputs.addonVersion);
            const series = version ? /^v\d+\.\d+/.exec(version)?.[0] : undefined;
            if (!kubernetes || !version || !series) return [];
            const refused = (offered: string[]) =>
                ctx.finding(rule, addon, {
                    message: `EKS does not offer ${name} ${version} for Kubernetes ${kubernetes} (it offers ${offered.join(", ")})`,
                    awsError: "InvalidParameterException (Addon version specified is not supported)",
                    fix: `pin a ${name} version that \`aws eks describe-addon-versions --kubernetes-version ${kubernetes}\` lists`,
                });
            if (name === "kube-proxy") return series === `v${kubernetes}` ? [] : [refused([`v${kubernetes}.x`])];
            const table = ADDONS.series[name];
            if (!table) return [];
            const offered = Object.entries(table)
                .filter(([, versions]) => versions.includes(kubernetes))
                .map(([s]) => s);
            if (offered.length === 0)
                return [
                    ctx.finding(rule, addon, {
                        severity: "warning",
                        message: `the dated add-on table has no ${name} versions for Kubernetes ${kubernetes}`,
                        fix: `check \`aws eks describe-addon-versions --addon-name ${name} --kubernetes-version ${kubernetes}\` and add the series to tools/readiness/rules/calendars/data.ts`,
                    }),
                ];
            return offered.includes(series) ? [] : [refused(offered.map((s) => `${s}.x`))];
        }),
);

export const chartsTestedOnCluster = stackRule(
    {
        id: "calendars/chart-kubernetes-versions",
        family: "calendars",
        description: "A calendared chart pin supports the cluster's Kubernetes version",
        source: CHARTS["external-secrets"].source,
    },
    (ctx, rule) => {
        const kubernetes = str(ctx.ofType(T.eks)[0]?.inputs.version);
        if (!kubernetes) return [];
        return ctx.ofType(T.release).flatMap((release) => {
            const chart = CHARTS[chartOf(release)];
            const w = chart
                ? (windowOf(chart, str(release.inputs.version) ?? "") as (Window & { kubernetes: string[] }) | undefined)
                : undefined;
            if (!w || w.kubernetes.includes(kubernetes)) return [];
            return [
                ctx.finding(rule, release, {
                    severity: "warning",
                    message: `${chartOf(release)} ${release.inputs.version} is supported on Kubernetes ${w.kubernetes.join(", ")}, not on the cluster's ${kubernetes}`,
                    fix: `pin the ${chartOf(release)} release supported on Kubernetes ${kubernetes}`,
                }),
            ];
        });
    },
);
