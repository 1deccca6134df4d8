import { z } from "zod";
import { capacityShortfall } from "../../compute/capacity";
import { ServicesConfig } from "./services";

/**
 * An EKS node group holds every pod with every service at its HPA maximum (compute/capacity.ts): otherwise the
 * autoscaler reaches the group's maximum with pods still pending. The message names the figures to change.
 */
export function nodeGroupHoldsMaximum(
    cfg: {
        services: ServicesConfig;
        compute: { platform: string; nodes: { instanceType: string; count: number; maxCount?: number } };
        database: { readReplicas: number; analytics: { enabled: boolean } };
        monitoring: { grafana: boolean };
    },
    ctx: z.RefinementCtx,
    multiAz: boolean,
) {
    if (cfg.compute.platform !== "eks") return;
    // Zod runs stack-wide refinements even when a field failed; that failure is the one to report.
    const parsed = Object.values(cfg.services).every((svc) => svc?.replicas?.max !== undefined && svc?.resources?.requests !== undefined);
    if (!parsed || typeof cfg.compute.nodes?.count !== "number") return;
    const shortfall = capacityShortfall({
        services: cfg.services,
        nodes: cfg.compute.nodes,
        multiAz,
        grafana: cfg.monitoring.grafana,
        postgresExporters: 1 + cfg.database.readReplicas + (cfg.database.analytics.enabled ? 1 : 0),
    });
    if (shortfall) {
        ctx.addIssue({
            code: "custom",
            path: ["compute", "nodes", "maxCount"],
            message: `${shortfall}; raise nodes.maxCount, choose a larger nodes.instanceType, or lower the services' replicas.max or requests`,
        });
    }
}
