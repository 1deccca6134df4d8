import { expect } from "chai";
import { Plan } from "../../tools/engine/plan";
import { ofType, planOf, STACKS } from "../support/engine";

/** Every URN a resource waits for, directly or through what it waits for. */
function closure(plan: Plan, urn: string): Set<string> {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const seen = new Set<string>();
    const stack = [urn];
    while (stack.length > 0) {
        for (const dep of byUrn.get(stack.pop()!)?.dependencies ?? []) {
            if (!seen.has(dep)) {
                seen.add(dep);
                stack.push(dep);
            }
        }
    }
    return seen;
}

describe("webhook order on the first up (issue 18 item 12)", () => {
    for (const stack of STACKS) {
        it(`${stack}: every Kubernetes object and release waits for the Load Balancer Controller, which Helm and Pulumi await`, async () => {
            const plan = await planOf(stack);
            const [lbc] = ofType(plan, "kubernetes:helm.sh/v3:Release").filter(
                (r) => (r.inputs as any).chart === "aws-load-balancer-controller",
            );
            expect(lbc.inputs).to.include({ atomic: true, waitForJobs: true, skipAwait: false });
            const before = plan.resources.filter(
                (r) =>
                    (r.type.startsWith("kubernetes:") && r.urn !== lbc.urn) ||
                    (r.type === "aws:eks/addon:Addon" && (r.inputs as any).addonName === "metrics-server"),
            );
            expect(before.length).to.be.greaterThan(50);
            const early = before.filter((r) => !closure(plan, r.urn).has(lbc.urn)).map((r) => `${r.type} ${r.name}`);
            expect(early, "created before the controller's webhook has endpoints").to.deep.equal([]);
            // The controller itself waits for the cluster's DNS, which it needs to reach AWS.
            const coredns = ofType(plan, "aws:eks/addon:Addon").find((a) => (a.inputs as any).addonName === "coredns")!;
            expect(lbc.dependencies).to.include(coredns.urn);
        });
    }
});
