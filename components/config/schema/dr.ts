import { z } from "zod";
import { ingressPath } from "../../compute/routing";
import { ServiceConfig } from "./services";

export const drRoles = ["primary", "pilot-light"] as const;

/**
 * `careplane:dr`: the stack's part in regional failover [000: Disaster Recovery, "Failover to Secondary Region"].
 * `primary` (the default) serves the hostname; with `failover` set, Route 53 answers the hostname with this
 * region's load balancer while its health check passes, and with the pilot light's otherwise. `pilot-light` owns
 * the pair's SECONDARY record and runs its services at 0 replicas until the failover runbook scales them up
 * (docs/runbooks.md, "Regional failover"). Its database is a cross-region read replica of the primary's
 * (`source.database`, the primary instance's ARN), and its services read the primary's login, JWT and SMTP entries,
 * which the primary replicates into this region.
 */
export function drSchema() {
    return z.strictObject(
        {
            role: z.enum(drRoles, { error: `expected one of ${drRoles.join(", ")}` }).default("primary"),
            failover: z
                .strictObject(
                    {
                        /** The routed service whose readiness path Route 53's health check requests through the load balancer. */
                        service: z.string({ error: "expected the name of a routed service in careplane:services, such as api" }),
                    },
                    { error: "expected a mapping with service (the routed service Route 53 checks)" },
                )
                .optional(),
            /** A pilot light's: what it replicates. */
            source: z
                .strictObject(
                    {
                        /** The primary's database instance ARN: RDS names a cross-region replica's source by its ARN. */
                        database: z
                            .string({
                                error: "expected the primary database instance's ARN, arn:aws:rds:<region>:<account>:db:<identifier>",
                            })
                            .regex(RDS_INSTANCE_ARN, {
                                error: "expected the primary database instance's ARN, arn:aws:rds:<region>:<account>:db:<identifier>",
                            }),
                        /**
                         * The key the primary replicates the shared entries under in this region (its `secrets-dr` key):
                         * the services decrypt them with it.
                         */
                        secretsKey: z
                            .string({
                                error: "expected the ARN of the primary's secrets-dr key in this region, arn:aws:kms:<region>:<account>:key/<id>",
                            })
                            .regex(KMS_KEY_ARN, {
                                error: "expected the ARN of the primary's secrets-dr key in this region, arn:aws:kms:<region>:<account>:key/<id>",
                            }),
                    },
                    {
                        error: "expected a mapping with database (the primary database instance's ARN) and secretsKey (its secrets-dr key's ARN)",
                    },
                )
                .optional(),
        },
        { error: 'expected a mapping { role: "primary" | "pilot-light", failover?: { service }, source?: { database } }' },
    );
}

/** An RDS DB instance ARN: partition, region, account, identifier (1–63 letters, digits, hyphens; a letter first). */
export const RDS_INSTANCE_ARN = /^arn:aws(-[a-z]+)*:rds:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:db:[a-z][a-z0-9-]{0,62}$/;

/** A KMS key ARN (not an alias): partition, region, account, key id (a UUID, or mrk- and 32 hex digits). */
export const KMS_KEY_ARN =
    /^arn:aws(-[a-z]+)*:kms:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})$/;

export type DrConfig = z.output<ReturnType<typeof drSchema>>;

interface PilotLightInputs {
    dr: DrConfig;
    account: { id: string };
    database: { analytics: { enabled: boolean } };
}

/**
 * A pilot light's database replicates the primary's, in another region of the same account; only a pilot light
 * names a source. The analytics database has no replica here: a pilot light runs without it.
 */
export function pilotLightNeedsSource(region: string) {
    return (cfg: PilotLightInputs, ctx: z.RefinementCtx): void => {
        const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });
        const source = cfg.dr?.source;
        if (cfg.dr?.role !== "pilot-light") {
            if (source) issue(["dr", "source"], "only a pilot light replicates a source; drop source or set role pilot-light");
            return;
        }
        if (!source) return issue(["dr", "source"], "a pilot light replicates the primary's database; set source.database to its ARN");
        const [, , , sourceRegion, account] = source.database.split(":");
        if (sourceRegion === region)
            issue(["dr", "source", "database"], `expected the primary's database in another region than aws:region (${region})`);
        else if (account !== cfg.account.id)
            issue(["dr", "source", "database"], `expected a database of this stack's account (${cfg.account.id}): the primary shares it`);
        else if (source.secretsKey.split(":")[3] !== region || source.secretsKey.split(":")[4] !== cfg.account.id)
            issue(["dr", "source", "secretsKey"], `expected a key of this stack's region (${region}) and account (${cfg.account.id})`);
        else if (cfg.database.analytics.enabled)
            issue(["database", "analytics", "enabled"], "a pilot light replicates the primary database alone; only false is allowed");
    };
}

interface FailoverInputs {
    dr: DrConfig;
    compute: { platform: string; ingress: { scheme: string; hostname?: string; hostedZoneId?: string } };
    cdn: { enabled: boolean };
    services: Record<string, ServiceConfig>;
}

/**
 * Failover records alias the load balancer the AWS Load Balancer Controller makes for the Ingress (EKS), named in
 * the hostname's own public zone, and Route 53's health checkers reach that load balancer from the internet: so
 * EKS, an internet-facing ingress with hostname and hostedZoneId, no CloudFront in front (its WAF would refuse the
 * checkers, which carry no CloudFront header), and a service the load balancer routes.
 */
export function failoverNeedsPublicIngress(cfg: FailoverInputs, ctx: z.RefinementCtx): void {
    const failover = cfg.dr?.failover;
    const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path: ["dr", "failover", ...path], message });
    // A pilot light exists to take the hostname over: it owns the SECONDARY record.
    if (!failover && cfg.dr?.role === "pilot-light") return issue([], "a pilot light takes the hostname over; set failover.service");
    if (!failover) return;
    if (cfg.compute.platform !== "eks")
        return issue([], "failover records alias the Ingress's load balancer; they need compute.platform eks");
    if (cfg.compute.ingress.scheme !== "internet-facing" || !cfg.compute.ingress.hostname || !cfg.compute.ingress.hostedZoneId) {
        return issue([], "failover records need an internet-facing ingress with hostname and hostedZoneId (the zone the records go in)");
    }
    if (cfg.cdn.enabled)
        return issue([], "behind CloudFront the load balancer refuses Route 53's health checkers; turn cdn off or drop failover");
    const routed = (name: string) => cfg.services[name]?.exposure !== "internal" && ingressPath(name, cfg.services[name]) !== undefined;
    if (!cfg.services[failover.service] || !routed(failover.service)) {
        return issue(
            ["service"],
            `expected a service the internet-facing load balancer routes: ${Object.keys(cfg.services).filter(routed).join(", ")}`,
        );
    }
}
