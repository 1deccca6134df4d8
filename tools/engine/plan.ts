import * as fs from "fs";
import * as path from "path";

/** What every secret value becomes in a plan: recorded as present, never as itself. */
export const SECRET_MASK = "[secret]";
export const UNKNOWN_VALUE = "[unknown]";

export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    /** False for component resources (and the stack), which exist only in Pulumi's state. */
    custom: boolean;
    parent: string;
    /** URN of an explicit provider resource; empty for the default provider. */
    provider: string;
    protect: boolean;
    dependencies: string[];
    /** Which resources each input property was built from (property name → URNs). */
    propertyDependencies: Record<string, string[]>;
    options: {
        retainOnDelete: boolean;
        deleteBeforeReplace: boolean;
        ignoreChanges: string[];
        additionalSecretOutputs: string[];
    };
    /** The inputs exactly as the program passed them, every secret value masked. */
    inputs: Record<string, unknown>;
}

/** Where the stack deploys, from its `careplane:account` and `careplane:deployer` config. */
export interface Deployment {
    accountId: string;
    region: string;
    /** Where the jobs that reach the cluster and the database run: "vpc" or "github-hosted". */
    runner: string;
    /** Whether this stack owns the account's regional singletons. */
    singletons: boolean;
    /**
     * `careplane:dr.role`, written for a pilot light only: it deploys into its primary's account, whose global
     * singletons (service-linked roles) the primary creates.
     */
    drRole?: "pilot-light";
}

export interface Plan {
    project: string;
    stack: string;
    environment: string;
    /** Absent from plans written before the field existed; they still read. */
    deployment?: Deployment;
    resources: PlannedResource[];
}

/** A plan file that cannot be evaluated: reported as one line, exit status 2. */
export class PlanError extends Error {}

export function writePlan(plan: Plan, outDir: string): string {
    const dir = path.join(outDir, plan.stack);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan, null, 2) + "\n");
    return file;
}

export function readPlan(file: string): Plan {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new PlanError(`${file}: not a readable JSON plan (${(e as Error).message.split("\n")[0]})`);
    }
    const plan = parsed as Partial<Plan>;
    for (const key of ["project", "stack", "environment"] as const) {
        if (typeof plan[key] !== "string") throw new PlanError(`${file}: "${key}" must be a string`);
    }
    if (plan.deployment !== undefined) checkDeployment(plan.deployment, file);
    if (!Array.isArray(plan.resources)) throw new PlanError(`${file}: "resources" must be an array`);
    plan.resources.forEach((r, i) => {
        for (const key of ["urn", "type", "name"] as const) {
            if (typeof r?.[key] !== "string") throw new PlanError(`${file}: resources[${i}].${key} must be a string`);
        }
        if (typeof r.inputs !== "object" || r.inputs === null) throw new PlanError(`${file}: resources[${i}].inputs must be an object`);
    });
    return {
        project: plan.project!,
        stack: plan.stack!,
        environment: plan.environment!,
        ...(plan.deployment ? { deployment: plan.deployment } : {}),
        resources: plan.resources.map(normalizeResource),
    };
}

function checkDeployment(deployment: unknown, file: string): asserts deployment is Deployment {
    const d = deployment as Partial<Deployment> | null;
    if (typeof d !== "object" || d === null || Array.isArray(d)) throw new PlanError(`${file}: "deployment" must be an object`);
    if (typeof d.accountId !== "string" || !/^\d{12}$/.test(d.accountId))
        throw new PlanError(`${file}: deployment.accountId must be a 12-digit account id`);
    for (const key of ["region", "runner"] as const) {
        if (typeof d[key] !== "string") throw new PlanError(`${file}: deployment.${key} must be a string`);
    }
    if (typeof d.singletons !== "boolean") throw new PlanError(`${file}: deployment.singletons must be true or false`);
    if (d.drRole !== undefined && d.drRole !== "pilot-light")
        throw new PlanError(`${file}: deployment.drRole must be "pilot-light" or absent`);
}

/** Fills the optional fields of a hand-edited resource with what the engine would assume. */
function normalizeResource(r: Partial<PlannedResource>): PlannedResource {
    return {
        urn: r.urn!,
        type: r.type!,
        name: r.name!,
        custom: r.custom ?? true,
        parent: r.parent ?? "",
        provider: r.provider ?? "",
        protect: r.protect === true,
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies ?? {},
        options: {
            retainOnDelete: r.options?.retainOnDelete === true,
            deleteBeforeReplace: r.options?.deleteBeforeReplace === true,
            ignoreChanges: r.options?.ignoreChanges ?? [],
            additionalSecretOutputs: r.options?.additionalSecretOutputs ?? [],
        },
        inputs: r.inputs!,
    };
}
