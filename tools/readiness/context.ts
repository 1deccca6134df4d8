import { Plan, PlannedResource } from "../engine/plan";
import { ciRoleNames } from "../../components/security/ci-trust-policies";
import { PlanIndex } from "../pages/plan-index";
import { Deployment, deploymentOf } from "./deployment";
import { DependencyGraph } from "./graph";
import type { Finding, RuleInfo, Severity } from "./finding";

export interface FindingText {
    message: string;
    fix: string;
    awsError?: string;
    /** Blocker unless said. */
    severity?: Severity;
}

/** One stack's plan as the rules read it: resources by reference, the creation order, and where it deploys from. */
export class ReadinessContext {
    readonly index: PlanIndex;
    readonly graph: DependencyGraph;
    readonly deployment: Deployment;
    readonly stackUrn: string;

    constructor(
        readonly plan: Plan,
        /** The day the support calendars are read on. */
        readonly today: Date,
    ) {
        this.index = new PlanIndex(plan);
        this.graph = new DependencyGraph(plan);
        this.deployment = deploymentOf(plan, this.index);
        this.stackUrn =
            plan.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ??
            `urn:pulumi:${plan.stack}::${plan.project}::pulumi:pulumi:Stack::${plan.project}-${plan.stack}`;
    }

    get environment(): string {
        return this.plan.environment;
    }

    /** The program's resources of one type token. */
    ofType(type: string): PlannedResource[] {
        return this.index.resources.filter((r) => r.type === type);
    }

    /** The resource of a type that an input value names (an ARN, an id, a name), if exactly one. */
    resolve(from: PlannedResource, value: unknown, type: string): PlannedResource | undefined {
        return this.index.resolve(from, value, new RegExp(`^${type.replace(/[/$]/g, "\\$&")}$`));
    }

    /**
     * The resource of a type an input property refers to: the one the property was built from (the
     * plan records it), else the one its value names.
     */
    referenced(from: PlannedResource, property: string, type: string, value: unknown = from.inputs[property]): PlannedResource | undefined {
        const built = (from.propertyDependencies[property] ?? []).map((u) => this.index.byUrn.get(u)).filter((r) => r?.type === type);
        if (built.length === 1) return built[0];
        return this.resolve(from, value, type);
    }

    regionOf(r: PlannedResource): string {
        return this.index.regionOf(r);
    }

    get account(): string {
        return this.deployment.accountId;
    }

    /** An ARN as AWS builds it for a resource of this stack (`arn:aws:<service>:<region>:<account>:<resource>`). */
    arn(service: string, resource: string, region = this.deployment.region): string {
        const regionless = service === "iam" || service === "s3";
        return `arn:aws:${service}:${regionless ? "" : region}:${service === "s3" ? "" : this.account}:${resource}`;
    }

    /**
     * The principal that runs `pulumi up` (the deploy role; AdministratorAccess): the one the plan
     * makes cluster admin through an EKS access entry, else (an ECS stack) the deploy role the
     * bootstrap project creates for the stack's application and environment.
     */
    get deployer(): string {
        const admin = this.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find(clusterAdmin);
        const app = this.plan.resources.map((r) => (r.inputs.tags as Record<string, unknown> | undefined)?.Application).find(str);
        return (
            str(admin?.inputs.principalArn) ??
            `arn:aws:iam::${this.account}:role/${ciRoleNames(String(app ?? this.plan.project), this.environment).deploy}`
        );
    }

    finding(rule: RuleInfo, r: PlannedResource | undefined, text: FindingText): Finding {
        return {
            rule: rule.id,
            family: rule.family,
            severity: text.severity ?? "blocker",
            urn: r?.urn ?? this.stackUrn,
            type: r?.type ?? "pulumi:pulumi:Stack",
            name: r?.name ?? this.plan.stack,
            message: text.message,
            ...(text.awsError ? { awsError: text.awsError } : {}),
            fix: text.fix,
            source: rule.source,
        };
    }
}

/** A string input, when the program passed a plain one. */
export function str(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** An array input as a list (empty when absent). */
export function list<T = any>(value: unknown): T[] {
    return Array.isArray(value) ? (value as T[]) : [];
}

/** An EKS access policy association that lets its principal create any object in the cluster. */
export function clusterAdmin(association: PlannedResource): boolean {
    const scope = (association.inputs.accessScope ?? {}) as Record<string, unknown>;
    return /\/AmazonEKSClusterAdminPolicy$/.test(str(association.inputs.policyArn) ?? "") && scope.type === "cluster";
}
