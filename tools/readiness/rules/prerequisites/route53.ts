// What Route 53 requires of failover records and of the health checks they carry.
import { PlannedResource } from "../../../engine/plan";
import { list, str } from "../../context";
import { stackRule } from "../../rule";

const RECORD = "aws:route53/record:Record";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

const failoverType = (r: PlannedResource) => str(list<{ type?: unknown }>(r.inputs.failoverRoutingPolicies)[0]?.type);
const dnsName = (name: unknown) => str(name)?.toLowerCase().replace(/\.$/, "");

export const failoverRecords = stackRule(
    {
        id: "prerequisites/route53-failover-record",
        family: "prerequisites",
        description:
            "A failover record has a set identifier, one PRIMARY and one SECONDARY per name and type, as an alias no TTL or values, as a non-alias PRIMARY a health check",
        source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html",
    },
    (ctx, rule) => {
        const records = ctx.ofType(RECORD).filter((r) => failoverType(r) !== undefined);
        return records.flatMap((r) => {
            const i = r.inputs;
            const problems: string[] = [];
            if (str(i.setIdentifier) === undefined) problems.push("a failover record needs a SetIdentifier");
            const alias = list(i.aliases).length > 0;
            if (alias && (i.ttl !== undefined || list(i.records).length > 0))
                problems.push("an alias record takes neither a TTL nor values");
            // Route 53's own words (InvalidChangeBatch): "A non-alias primary ResourceRecordSet must have an associated health check".
            if (!alias && failoverType(r) === "PRIMARY" && i.healthCheckId === undefined)
                problems.push("a non-alias PRIMARY record needs a health check");
            const twin = records.find(
                (o) =>
                    o !== r &&
                    o.inputs.zoneId === i.zoneId &&
                    dnsName(o.inputs.name) === dnsName(i.name) &&
                    o.inputs.type === i.type &&
                    failoverType(o) === failoverType(r),
            );
            if (twin && records.indexOf(twin) < records.indexOf(r))
                problems.push(`${twin.name} is already the ${failoverType(r)} record of ${str(i.name)} ${str(i.type)}`);
            return problems.map((p) =>
                ctx.finding(rule, r, {
                    message: `Route 53 refuses the change batch: ${p}`,
                    awsError: "InvalidChangeBatch",
                    fix: "give each record of the pair its own SetIdentifier and failover type (PRIMARY, SECONDARY), and an alias no TTL or values",
                }),
            );
        });
    },
);

export const healthChecks = stackRule(
    {
        id: "prerequisites/route53-health-check",
        family: "prerequisites",
        description:
            "A health check runs every 10 or 30 s; one a failover record carries requests its endpoint's own name, not the record's",
        source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
    },
    (ctx, rule) => {
        const interval = ctx.ofType(HEALTH_CHECK).flatMap((check) => {
            const seconds = check.inputs.requestInterval;
            if (seconds === undefined || seconds === 10 || seconds === 30) return [];
            return [
                ctx.finding(rule, check, {
                    message: `Route 53 checks every 10 or 30 seconds; requestInterval is ${JSON.stringify(seconds)}`,
                    awsError: "InvalidInput",
                    fix: "set requestInterval to 10 (fast, charged extra) or 30",
                }),
            ];
        });
        const ownName = ctx.ofType(RECORD).flatMap((r) => {
            const check = failoverType(r) !== undefined ? ctx.referenced(r, "healthCheckId", HEALTH_CHECK) : undefined;
            if (!check || dnsName(check.inputs.fqdn) !== dnsName(r.inputs.name)) return [];
            return [
                ctx.finding(rule, check, {
                    severity: "warning",
                    message: `the health check requests ${str(check.inputs.fqdn)}, the name its failover record ${r.name} answers: it follows the record to whichever endpoint Route 53 chose and reports that one's health ("unpredictable", AWS says)`,
                    fix: "check the primary endpoint by its own name (the load balancer's DNS name) and leave the record's name to clients",
                }),
            ];
        });
        return [...interval, ...ownName];
    },
);
