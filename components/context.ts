import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { Environment, profiles } from "./config/profiles";

/** How sensitive the data a resource holds or carries is; policies key prod-only rules on it. */
export type DataClassification = "phi" | "confidential" | "internal";

/** Which stack is being built: what names, tags and protection are made of. */
export interface StackIdentity {
    app: string;
    environment: Environment;
    owner: string;
    /** The stack's AWS region (`aws:region`): ARNs and regional endpoints are built from it. */
    region: string;
    /** `careplane:dr`: a pilot light shares its environment's account with the primary, so its names differ. */
    dr?: { role: string };
}

/**
 * What every component knows about the stack it is building: names, tags and protection. Everything
 * else a component depends on (its config slice, ids, ARNs) comes in its own args.
 */
export class PlatformContext {
    constructor(private readonly stack: StackIdentity) {}

    /** The context of a parsed stack (or anything carrying its identity): the identity is copied, nothing more. */
    static of(config: StackIdentity): PlatformContext {
        const { app, environment, owner, region, dr } = config;
        return new PlatformContext({ app, environment, owner, region, dr: dr && { role: dr.role } });
    }

    get app() {
        return this.stack.app;
    }

    get owner() {
        return this.stack.owner;
    }

    get environment() {
        return this.stack.environment;
    }

    get region() {
        return this.stack.region;
    }

    get isProd() {
        return this.stack.environment === "prod";
    }

    /** Whether resources that offer deletion protection (databases, load balancers, caches) turn it on: the environment's profile decides. */
    get deletionProtection() {
        return profiles[this.stack.environment].deletionProtection;
    }

    /** Whether this stack is its environment's pilot light in the DR region (`careplane:dr.role`). */
    get isPilotLight() {
        return this.stack.dr?.role === "pilot-light";
    }

    /**
     * `<app>-<env>-<suffix>`: the physical-name prefix of everything in this stack; `<app>-<env>-dr-<suffix>` in a
     * pilot light, which deploys into the primary's account, where IAM and S3 names are global and the primary
     * already holds `<app>-<env>-*`. Secrets Manager entries keep `<app>/<env>/<entry>` (secretName): the pilot
     * light reads the primary's replicated entries by those names.
     */
    name(suffix: string): string {
        return `${this.stack.app}-${this.stack.environment}${this.isPilotLight ? "-dr" : ""}-${suffix}`;
    }

    /**
     * `name(suffix)` within `max` characters (a Lambda function's or an IAM role's 64): when longer, cut
     * and ended with a hash of the whole name, so two long names stay apart.
     */
    boundedName(suffix: string, max: number): string {
        const full = this.name(suffix);
        if (full.length <= max) return full;
        const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
        return `${full.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
    }

    /** The tags every taggable resource carries; the policy pack requires the first three. */
    tags(classification: DataClassification, extra: Record<string, string> = {}): Record<string, string> {
        return {
            Environment: this.stack.environment,
            DataClassification: classification,
            Owner: this.stack.owner,
            ManagedBy: "pulumi",
            Application: this.stack.app,
            ...extra,
        };
    }

    /**
     * Options for resources that hold data or guard it (databases, buckets, vaults, keys, secrets):
     * in prod, Pulumi refuses to delete or replace them.
     */
    stateful(opts: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
        return this.isProd ? { ...opts, protect: true } : opts;
    }
}
