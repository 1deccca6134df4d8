import * as pulumi from "@pulumi/pulumi";
import { ServiceConfig } from "../config/schema/services";
import { PlatformContext } from "../context";

/** Where a load balancer writes its access logs. */
export interface AccessLogTarget {
    bucket: pulumi.Input<string>;
    prefix: string;
}

/** The name clients use for the stack's routed services: the configured one, or a placeholder. */
export function ingressHostname(ctx: PlatformContext): string {
    return ctx.config.compute.ingress.hostname ?? `${ctx.environment}.${ctx.config.app}.example.org`;
}

/** The path the ingress routes to a service: web at the root, others under their name; workers none. */
export function ingressPath(name: string, svc: ServiceConfig): string | undefined {
    if (svc.tier === "worker") return undefined;
    return svc.path ?? (svc.tier === "web" ? "/" : `/${name}`);
}

/** The host a routed service answers on: its own, or the stack's. */
export function serviceHost(ctx: PlatformContext, svc: ServiceConfig): string {
    return svc.host ?? ingressHostname(ctx);
}

/** Every host name the routed services answer on, the stack's first. */
export function routedHosts(ctx: PlatformContext): string[] {
    const routed = Object.entries(ctx.config.services).filter(([n, s]) => ingressPath(n, s) !== undefined);
    return [...new Set([ingressHostname(ctx), ...routed.map(([, s]) => serviceHost(ctx, s))])];
}
