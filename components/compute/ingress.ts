import * as pulumi from "@pulumi/pulumi";
import { ServiceConfig } from "../config/schema/services";
import { PlatformContext } from "../context";
import { ingressPath } from "./routing";

/** Where a load balancer writes its access logs. */
export interface AccessLogTarget {
    bucket: pulumi.Input<string>;
    prefix: string;
}

/** The name clients use for the stack's routed services: the configured one, or a placeholder. */
export function ingressHostname(ctx: PlatformContext): string {
    return ctx.config.compute.ingress.hostname ?? `${ctx.environment}.${ctx.config.app}.example.org`;
}

export type LoadBalancerScheme = "internet-facing" | "internal";

/** The load balancer that routes a service: an internal one for `exposure: internal`, else the stack's ingress scheme. */
export function schemeOf(ctx: PlatformContext, svc: ServiceConfig): LoadBalancerScheme {
    return svc.exposure === "internal" ? "internal" : ctx.config.compute.ingress.scheme;
}

/** The name a load balancer answers to: the stack's hostname on its own scheme, `internal.<hostname>` on the other. */
export function hostnameFor(ctx: PlatformContext, scheme: LoadBalancerScheme): string {
    const hostname = ingressHostname(ctx);
    return scheme === ctx.config.compute.ingress.scheme ? hostname : `internal.${hostname}`;
}

/** The routed services by the scheme of the load balancer that routes them, the stack's own scheme first. */
export function routedBySchemes(ctx: PlatformContext): Array<[LoadBalancerScheme, Array<[string, ServiceConfig]>]> {
    const schemes: LoadBalancerScheme[] = [ctx.config.compute.ingress.scheme, "internal"];
    return [...new Set(schemes)]
        .map((scheme): [LoadBalancerScheme, Array<[string, ServiceConfig]>] => [
            scheme,
            Object.entries(ctx.config.services).filter(([n, s]) => ingressPath(n, s) !== undefined && schemeOf(ctx, s) === scheme),
        ])
        .filter(([, services]) => services.length > 0);
}

/** Every name the stack's load balancers answer to, and the origin name CloudFront reaches: what their certificate covers. */
export function certificateNames(ctx: PlatformContext): string[] {
    const names = routedBySchemes(ctx).flatMap(([scheme, routed]) => [hostnameFor(ctx, scheme), ...routed.map(([, s]) => serviceHost(ctx, s))]);
    const origin = ctx.config.cdn.enabled ? ctx.config.cdn.originHostname : undefined;
    return [...new Set([ingressHostname(ctx), ...names, ...(origin ? [origin] : [])])];
}

/** The host a routed service answers on: its own, or its load balancer's. */
export function serviceHost(ctx: PlatformContext, svc: ServiceConfig): string {
    return svc.host ?? hostnameFor(ctx, schemeOf(ctx, svc));
}

/** Every host name the stack's own load balancer answers on (what CloudFront serves), the stack's first. */
export function routedHosts(ctx: PlatformContext): string[] {
    const scheme = ctx.config.compute.ingress.scheme;
    const routed = Object.entries(ctx.config.services).filter(([n, s]) => ingressPath(n, s) !== undefined && schemeOf(ctx, s) === scheme);
    return [...new Set([ingressHostname(ctx), ...routed.map(([, s]) => serviceHost(ctx, s))])];
}
