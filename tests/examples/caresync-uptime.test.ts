import { expect } from "chai";
import { Plan } from "../../tools/engine/plan";
import { ofType, planOf } from "../support/engine";
import { examplePlan, theOne } from "./support";

// CareSync HMS [seed 000], "Environment Overview": DEV "Uptime: Business hours only"; TEST "Business hours +
// extended testing windows"; STAGING "24/7 for monitoring"; PROD "99.9% SLA (24/7)". The guide announces its
// times in EST (America/New_York). Business hours, as this team reads them: weekdays 07:00-19:00; test's extended
// windows open an hour earlier and close three hours later.
const guide = {
    timezone: "America/New_York",
    days: "MON-FRI",
    dev: { from: 7, to: 19 },
    test: { from: 6, to: 22 },
    allDay: ["staging", "prod"],
};

const SCHEDULE = "aws:scheduler/schedule:Schedule";
const cron = (hour: number) => `cron(0 ${hour} ? * ${guide.days} *)`;

/** The node group's schedules by the hour they fire, with the scaling they ask EKS for. */
function nodeSchedules(plan: Plan) {
    return ofType(plan, SCHEDULE).map((s) => ({
        expression: s.inputs.scheduleExpression as string,
        timezone: s.inputs.scheduleExpressionTimezone as string,
        target: (s.inputs.target as any).arn as string,
        input: JSON.parse((s.inputs.target as any).input),
    }));
}

function expectBusinessHours(plan: Plan, hours: { from: number; to: number }) {
    const nodeGroup = theOne(plan, "aws:eks/nodeGroup:NodeGroup");
    const count = (nodeGroup.inputs.scalingConfig as { minSize: number }).minSize;
    expect(count, "the node group runs nodes in business hours").to.be.greaterThan(0);
    const schedules = nodeSchedules(plan);
    expect(schedules.map((s) => s.expression).sort()).to.deep.equal([cron(hours.from), cron(hours.to)].sort());
    for (const s of schedules) {
        expect(s.timezone).to.equal(guide.timezone);
        expect(s.target).to.equal("arn:aws:scheduler:::aws-sdk:eks:updateNodegroupConfig");
        expect(s.input.clusterName).to.equal(theOne(plan, "aws:eks/cluster:Cluster").inputs.name);
        expect(s.input.nodegroupName, "EKS needs the node group's name").to.be.a("string").and.not.equal("");
    }
    // The Scheduler's role may update this node group (its ARN names the cluster and the group), and do nothing else.
    const grants = ofType(plan, "aws:iam/policy:Policy")
        .flatMap((p) => JSON.parse(p.inputs.policy as string).Statement)
        .filter((st: { Action: string | string[] }) => [st.Action].flat().some((a) => a.startsWith("eks:UpdateNodegroup")));
    const { clusterName, nodegroupName } = schedules[0].input;
    expect(grants).to.have.length(1);
    expect(grants[0].Action).to.equal("eks:UpdateNodegroupConfig");
    expect(grants[0].Resource).to.match(new RegExp(`^arn:aws:eks:us-east-1:\\d{12}:nodegroup/${clusterName}/${nodegroupName}/`));
    const at = (hour: number) => schedules.find((s) => s.expression === cron(hour))!.input.scalingConfig;
    expect(at(hours.from), "the start restores the node group's own size").to.deep.equal({ minSize: count, desiredSize: count });
    expect(at(hours.to), "the end leaves no node").to.deep.equal({ minSize: 0, desiredSize: 0 });
    expect(nodeGroup.options.ignoreChanges, "pulumi up leaves the schedule's sizes alone").to.have.members([
        "scalingConfig.minSize",
        "scalingConfig.desiredSize",
    ]);
}

for (const [where, plan] of [
    ["root", (stack: string) => planOf(stack)],
    ["examples/caresync", (stack: string) => examplePlan("caresync", stack)],
] as const) {
    describe(`${where}: business-hours uptime [seed 000, Environment Overview]`, () => {
        it("dev runs business hours only: weekdays 07:00-19:00 New York time, and no node outside them", async () => {
            expectBusinessHours(await plan("dev"), guide.dev);
        });

        it("test runs business hours and the extended testing windows: weekdays 06:00-22:00 New York time", async () => {
            expect(guide.test.from).to.be.below(guide.dev.from);
            expect(guide.test.to).to.be.above(guide.dev.to);
            expectBusinessHours(await plan("test"), guide.test);
        });

        for (const stack of guide.allDay) {
            it(`${stack} runs 24/7: nothing scales it down, and pulumi up owns its node group's minimum (the autoscaler its desired size)`, async () => {
                const p = await plan(stack);
                expect(ofType(p, SCHEDULE)).to.have.length(0);
                expect(ofType(p, "aws:scheduler/scheduleGroup:ScheduleGroup")).to.have.length(0);
                expect(ofType(p, "aws:appautoscaling/scheduledAction:ScheduledAction")).to.have.length(0);
                expect(theOne(p, "aws:eks/nodeGroup:NodeGroup").options.ignoreChanges).to.deep.equal(["scalingConfig.desiredSize"]);
            });
        }
    });
}
