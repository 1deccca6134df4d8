import * as pulumi from "@pulumi/pulumi";
import { ComputeConfig } from "../config/schema/compute";
import { ServiceConfig, ServicesConfig } from "../config/schema/services";
import { PlatformContext } from "../context";
import { ingressPath } from "./routing";

/** Where a load balancer writes its access logs. */
export interface AccessLogTarget {
    bucket: pulumi.Input<string>;
    prefix: string;
}

export type LoadBalancerScheme = "internet-facing" | "internal";

/** What decides where each service is reached, and under which certificate. */
export interface RoutingConfig {
    ingress: ComputeConfig["ingress"];
    services: ServicesConfig;
    /** An issued certificate for the HTTPS listeners (`careplane:compute.certificateArn`), instead of one careplane requests. */
    certificateArn?: string;
    /** The name CloudFront reaches the load balancer by, when a CDN is in front (`careplane:cdn.originHostname`). */
    cdnOriginHostname?: string;
}

/** The names and load balancers the stack's routed services answer on; the compute platforms, the CDN and monitoring read it. */
export class Routing {
    constructor(
        private readonly ctx: PlatformContext,
        private readonly config: RoutingConfig,
    ) {}

    /** The name clients use for the stack's routed services: the configured one, or a placeholder. */
    get hostname(): string {
        return this.config.ingress.hostname ?? `${this.ctx.environment}.${this.ctx.app}.example.org`;
    }

    /** The stack's own load balancer's scheme (`careplane:compute.ingress.scheme`). */
    get scheme(): LoadBalancerScheme {
        return this.config.ingress.scheme;
    }

    /** The load balancer that routes a service: an internal one for `exposure: internal`, else the stack's ingress scheme. */
    schemeOf(svc: ServiceConfig): LoadBalancerScheme {
        return svc.exposure === "internal" ? "internal" : this.scheme;
    }

    /** The name a load balancer answers to: the stack's hostname on its own scheme, `internal.<hostname>` on the other. */
    hostnameFor(scheme: LoadBalancerScheme): string {
        return scheme === this.scheme ? this.hostname : `internal.${this.hostname}`;
    }

    /** The host a routed service answers on: its own, or its load balancer's. */
    serviceHost(svc: ServiceConfig): string {
        return svc.host ?? this.hostnameFor(this.schemeOf(svc));
    }

    /** The routed services of one load balancer. */
    routedOn(scheme: LoadBalancerScheme): Array<[string, ServiceConfig]> {
        return Object.entries(this.config.services).filter(([n, s]) => ingressPath(n, s) !== undefined && this.schemeOf(s) === scheme);
    }

    /** The routed services by the scheme of the load balancer that routes them, the stack's own scheme first. */
    bySchemes(): Array<[LoadBalancerScheme, Array<[string, ServiceConfig]>]> {
        const schemes: LoadBalancerScheme[] = [this.scheme, "internal"];
        return [...new Set(schemes)]
            .map((scheme): [LoadBalancerScheme, Array<[string, ServiceConfig]>] => [scheme, this.routedOn(scheme)])
            .filter(([, services]) => services.length > 0);
    }

    /** Every name the stack's load balancers answer to, and the origin name CloudFront reaches: what their certificate covers. */
    certificateNames(): string[] {
        const names = this.bySchemes().flatMap(([scheme, routed]) => [
            this.hostnameFor(scheme),
            ...routed.map(([, s]) => this.serviceHost(s)),
        ]);
        const origin = this.config.cdnOriginHostname;
        return [...new Set([this.hostname, ...names, ...(origin ? [origin] : [])])];
    }

    /** The configured listener certificate, if any. */
    get certificateArn(): string | undefined {
        return this.config.certificateArn;
    }

    /** The hosted zone careplane validates a requested certificate in (`careplane:compute.ingress.hostedZoneId`). */
    get hostedZoneId(): string | undefined {
        return this.config.ingress.hostedZoneId;
    }

    /** Every host name the stack's own load balancer answers on (what CloudFront serves), the stack's first. */
    routedHosts(): string[] {
        return [...new Set([this.hostname, ...this.routedOn(this.scheme).map(([, s]) => this.serviceHost(s))])];
    }
}
