import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { severityLevels } from "./alert-catalog";
import { AlarmRoutes } from "./alarm-routes";
import { AlarmSpec, MathSpec, MetricSpec } from "./cloudwatch-alarms";

const isPercentile = (stat: MetricSpec["stat"]) => stat.startsWith("p");

/** A single metric as MetricAlarm reads it: a percentile is an extended statistic. */
function singleMetric(m: MetricSpec): Partial<aws.cloudwatch.MetricAlarmArgs> {
    return {
        namespace: m.namespace,
        metricName: m.metricName,
        dimensions: m.dimensions,
        ...(isPercentile(m.stat) ? { extendedStatistic: m.stat, evaluateLowSampleCountPercentiles: "ignore" } : { statistic: m.stat }),
    };
}

/** Metric math: the expression is what the alarm compares; its metrics are read, each with the alarm's period, and not returned. */
function metricQueries(math: MathSpec, period: number): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
    return [
        { id: "result", expression: math.expression, label: math.label, returnData: true },
        ...Object.entries(math.metrics).map(([id, m]) => ({
            id,
            returnData: false,
            metric: { namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions, period, stat: m.stat },
        })),
    ];
}

/**
 * The CloudWatch alarm a spec describes, notifying its route (the owning team's topic for its severity) on
 * alarm and on recovery. A percentile over few samples leaves the alarm as it was rather than deciding.
 */
export function metricAlarm(
    name: string,
    ctx: PlatformContext,
    spec: AlarmSpec,
    routes: AlarmRoutes,
    opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm {
    const topic = routes.topicArn(spec.severity, spec.team);
    return new aws.cloudwatch.MetricAlarm(
        name,
        {
            name: ctx.name(spec.key),
            alarmDescription: `${severityLevels[spec.severity].priority} ${spec.severity} (${spec.team}): ${spec.description} [seed ${spec.sources.join(", ")}]`,
            ...(spec.metric
                ? { ...singleMetric(spec.metric), period: spec.period }
                : { metricQueries: metricQueries(spec.math, spec.period) }),
            comparisonOperator: spec.comparisonOperator,
            threshold: spec.threshold,
            evaluationPeriods: spec.evaluationPeriods,
            datapointsToAlarm: spec.datapointsToAlarm,
            treatMissingData: spec.treatMissingData,
            actionsEnabled: true,
            alarmActions: [topic],
            okActions: [topic],
            tags: ctx.tags("internal", { Severity: spec.severity, Team: spec.team }),
        },
        opts,
    );
}
