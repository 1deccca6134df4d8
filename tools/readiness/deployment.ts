import { Plan } from "../engine/plan";
import { PlanIndex, strings } from "../pages/plan-index";

/** Where a stack deploys and from where (plan.json's `deployment`); singletons unknown on plans written before it existed. */
export interface Deployment {
    accountId: string;
    region: string;
    runner: "vpc" | "github-hosted";
    singletons: boolean | undefined;
    /** A pilot light: its primary, in the same account, creates the account's global singletons. */
    pilotLight: boolean;
}

/**
 * The plan's `deployment`, or for a plan written before it existed: the account its ARNs name, the
 * region its default provider uses, and the runner the stack config defaults to (`vpc`).
 */
export function deploymentOf(plan: Plan, index: PlanIndex): Deployment {
    const recorded = plan.deployment;
    return {
        accountId: recorded?.accountId ?? accountNamedByArns(index),
        region: recorded?.region ?? index.primaryRegion,
        runner: recorded?.runner === "github-hosted" ? "github-hosted" : "vpc",
        singletons: typeof recorded?.singletons === "boolean" ? recorded.singletons : undefined,
        pilotLight: recorded?.drRole === "pilot-light",
    };
}

function accountNamedByArns(index: PlanIndex): string {
    const counts = new Map<string, number>();
    for (const r of index.resources) {
        for (const s of strings(r.inputs)) {
            const account = /^arn:aws[a-z-]*:[^:]*:[^:]*:(\d{12}):/.exec(s)?.[1];
            if (account) counts.set(account, (counts.get(account) ?? 0) + 1);
        }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "unknown account";
}
