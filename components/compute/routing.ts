import { ServiceConfig } from "../config/schema/services";

/** The path the ingress routes to a service: web at the root, others under their name; workers none. */
export function ingressPath(name: string, svc: ServiceConfig): string | undefined {
    if (svc.tier === "worker") return undefined;
    return svc.path ?? (svc.tier === "web" ? "/" : `/${name}`);
}
