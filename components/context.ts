import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "./config/stack-config";

/** How sensitive the data a resource holds or carries is; policies key prod-only rules on it. */
export type DataClassification = "phi" | "confidential" | "internal";

/** What every component needs to know about the stack it is building. */
export class PlatformContext {
    constructor(readonly config: StackConfig) {}

    get environment() {
        return this.config.environment;
    }

    get isProd() {
        return this.config.environment === "prod";
    }

    /** `<app>-<env>-<suffix>`: the physical-name prefix of everything in this stack. */
    name(suffix: string): string {
        return `${this.config.app}-${this.config.environment}-${suffix}`;
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
            Environment: this.config.environment,
            DataClassification: classification,
            Owner: this.config.owner,
            ManagedBy: "pulumi",
            Application: this.config.app,
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
