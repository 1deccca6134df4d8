import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DrConfig } from "../config/schema/dr";
import { PlatformContext } from "../context";

/** Which record of the hostname's failover pair a stack owns: the primary region's, or the pilot light's. */
export type FailoverRole = "PRIMARY" | "SECONDARY";

export interface FailoverRecordArgs {
    context: PlatformContext;
    role: FailoverRole;
    /** The public hosted zone the hostname is in (careplane:compute.ingress.hostedZoneId). */
    zoneId: string;
    /** The name clients use (careplane:compute.ingress.hostname). */
    hostname: string;
    /** The region of this stack's load balancer: it tells the two records apart and picks its alias zone. */
    region: string;
    /** The DNS name of the load balancer the AWS Load Balancer Controller made for the Ingress (its status). */
    loadBalancerDnsName: pulumi.Input<string>;
    /** The primary's only: the readiness path Route 53's health checkers request through that load balancer. */
    healthCheckPath?: string;
}

/**
 * One record of the hostname's failover pair [000: Disaster Recovery, "Failover to Secondary Region"]: an alias A
 * record to this region's load balancer, `PRIMARY` with a health check, `SECONDARY` without. Route 53 answers with
 * the primary while its health check and its load balancer's targets are healthy, else with the secondary when
 * that one's targets are healthy (a pilot light at 0 replicas has none until the runbook scales it up).
 *
 * AWS's rules it follows (Route 53 Developer Guide and API reference, ChangeResourceRecordSets / HealthCheckConfig):
 * - failover records of one name and type carry a `SetIdentifier` unique among them, one `PRIMARY` and one
 *   `SECONDARY` ("Failover routing", dns-failover-types.html); the region is that identifier here;
 * - an alias record has no TTL and no values; its target is the load balancer's DNS name with the load balancer's
 *   canonical hosted zone id for its region and type (AliasTarget.HostedZoneId: "ELB load balancer"), which
 *   `aws.lb.getHostedZoneId` answers from that table;
 * - `EvaluateTargetHealth` on an alias to an ALB makes the record unhealthy when no target group has a healthy
 *   target (dns-failover-complex-configs.html, "Evaluate target health");
 * - the health check requests the load balancer's own name, not the hostname: for failover records AWS says to
 *   check each endpoint by its own name, "not the name of the resource record sets"; a check whose name matches
 *   the records' gives "unpredictable" results (HealthCheckConfig, FullyQualifiedDomainName). Route 53 sends that
 *   name as the Host header and as SNI (EnableSNI defaults to true for HTTPS), so the Ingress routes the readiness
 *   path on any host (Workloads' `anyHostPath`); HTTPS checks do not validate the certificate (Route 53 Developer
 *   Guide, "Types of Route 53 health checks"). Interval 10 or 30 s, failure threshold 1–10.
 */
export class FailoverRecord extends pulumi.ComponentResource {
    readonly fqdn: pulumi.Output<string>;
    readonly healthCheckId?: pulumi.Output<string>;

    constructor(name: string, args: FailoverRecordArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:failover:FailoverRecord", name, {}, opts);
        const ctx = args.context;
        const child = { parent: this };
        if (args.role === "PRIMARY" && !args.healthCheckPath) throw new Error("a PRIMARY failover record needs a health check path");

        const healthCheck =
            args.role === "PRIMARY"
                ? new aws.route53.HealthCheck(
                      `${name}-health`,
                      {
                          type: "HTTPS",
                          fqdn: args.loadBalancerDnsName,
                          port: 443,
                          resourcePath: args.healthCheckPath,
                          enableSni: true,
                          requestInterval: 30,
                          failureThreshold: 3,
                          tags: ctx.tags("internal", { Name: ctx.name(`${args.region}-ready`) }),
                      },
                      child,
                  )
                : undefined;
        this.healthCheckId = healthCheck?.id;

        const aliasZone = aws.lb.getHostedZoneIdOutput({ loadBalancerType: "application", region: args.region }, child);
        const record = new aws.route53.Record(
            name,
            {
                zoneId: args.zoneId,
                name: args.hostname,
                type: "A",
                setIdentifier: args.region,
                failoverRoutingPolicies: [{ type: args.role }],
                healthCheckId: healthCheck?.id,
                aliases: [{ name: args.loadBalancerDnsName, zoneId: aliasZone.id, evaluateTargetHealth: true }],
            },
            child,
        );
        this.fqdn = record.fqdn;
        this.registerOutputs({ fqdn: this.fqdn, healthCheckId: this.healthCheckId });
    }
}

export interface HostnameFailoverArgs {
    context: PlatformContext;
    /** careplane:dr: the stack's role, and the service whose readiness the primary's health check requests. */
    dr: DrConfig;
    region: string;
    ingress: { hostname: string; hostedZoneId: string };
    /** That service's readiness path (careplane:services.<name>.health.readiness.path). */
    readinessPath: string;
    loadBalancerDnsName: pulumi.Input<string>;
}

/** This stack's record of the hostname's failover pair: `PRIMARY` in a primary stack, `SECONDARY` in a pilot light. */
export function hostnameFailover(args: HostnameFailoverArgs, opts?: pulumi.ComponentResourceOptions): FailoverRecord {
    const primary = args.dr.role === "primary";
    return new FailoverRecord(
        "failover",
        {
            context: args.context,
            role: primary ? "PRIMARY" : "SECONDARY",
            zoneId: args.ingress.hostedZoneId,
            hostname: args.ingress.hostname,
            region: args.region,
            loadBalancerDnsName: args.loadBalancerDnsName,
            healthCheckPath: primary ? args.readinessPath : undefined,
        },
        opts,
    );
}
