import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { BusinessHours } from "../../../components/uptime/business-hours";
import { ACCOUNT, buildAlone, documentOf, PARTITION } from "../../support/alone";

const NODE_GROUP_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:nodegroup/caresync-dev-eks/caresync-dev-nodes/0a1b2c3d`;
const nodeGroup = { clusterName: "caresync-dev-eks", name: "caresync-dev-nodes", arn: NODE_GROUP_ARN, count: 3 };
const hours = { mode: "business-hours" as const, days: "MON-FRI", start: 7, end: 19, timezone: "America/New_York" };

function businessHours(args: { nodes?: boolean; services?: boolean; config?: typeof hours }) {
    return buildAlone((context) => {
        new BusinessHours("business-hours", {
            context,
            config: args.config ?? hours,
            accountId: ACCOUNT,
            partition: PARTITION,
            nodeGroup: args.nodes ? nodeGroup : undefined,
            services: args.services
                ? [
                      { service: "web", resourceId: pulumi.output("service/caresync-dev-ecs/web"), min: 2, max: 10 },
                      { service: "api", resourceId: pulumi.output("service/caresync-dev-ecs/api"), min: 3, max: 15 },
                  ]
                : undefined,
        });
    });
}

describe("BusinessHours, built alone", () => {
    it("EKS: scales the node group to its count at 07:00 and to zero at 19:00, Monday to Friday, New York time", async () => {
        const built = await businessHours({ nodes: true });
        const schedules = built.ofType("aws:scheduler/schedule:Schedule");
        expect(schedules).to.have.length(2);
        const byExpression = Object.fromEntries(schedules.map((s) => [s.inputs.scheduleExpression, s.inputs]));
        expect(Object.keys(byExpression).sort()).to.deep.equal(["cron(0 19 ? * MON-FRI *)", "cron(0 7 ? * MON-FRI *)"]);
        for (const s of schedules) {
            expect(s.inputs.scheduleExpressionTimezone).to.equal("America/New_York");
            expect(s.inputs.flexibleTimeWindow).to.deep.equal({ mode: "OFF" });
            expect((s.inputs.target as any).arn).to.equal("arn:aws:scheduler:::aws-sdk:eks:updateNodegroupConfig");
            expect(s.inputs.groupName).to.equal(built.one("aws:scheduler/scheduleGroup:ScheduleGroup").inputs.name);
        }
        const input = (expression: string) => JSON.parse(byExpression[expression].target.input);
        expect(input("cron(0 7 ? * MON-FRI *)")).to.deep.equal({
            clusterName: "caresync-dev-eks",
            nodegroupName: "caresync-dev-nodes",
            scalingConfig: { minSize: 3, desiredSize: 3 },
        });
        expect(input("cron(0 19 ? * MON-FRI *)")).to.deep.equal({
            clusterName: "caresync-dev-eks",
            nodegroupName: "caresync-dev-nodes",
            scalingConfig: { minSize: 0, desiredSize: 0 },
        });
    });

    it("EKS: a failed scale-down gives up within the 12 hours before the next start instead of Scheduler's 24", async () => {
        const built = await businessHours({ nodes: true });
        for (const s of built.ofType("aws:scheduler/schedule:Schedule")) {
            expect((s.inputs.target as any).retryPolicy.maximumEventAgeInSeconds).to.be.at.most(12 * 3600);
        }
    });

    it("EKS: Scheduler assumes the role for this account only, and may call UpdateNodegroupConfig on this node group only", async () => {
        const built = await businessHours({ nodes: true });
        const role = built.one("aws:iam/role:Role");
        const trust = documentOf(role, "assumeRolePolicy");
        expect(trust.Statement).to.have.length(1);
        expect(trust.Statement[0].Principal).to.deep.equal({ Service: "scheduler.amazonaws.com" });
        expect(trust.Statement[0].Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
        expect(documentOf(built.one("aws:iam/policy:Policy")).Statement).to.deep.equal([
            { Effect: "Allow", Action: "eks:UpdateNodegroupConfig", Resource: NODE_GROUP_ARN },
        ]);
        const attachment = built.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        for (const s of built.ofType("aws:scheduler/schedule:Schedule")) {
            expect(s.dependencies, "a schedule fires only once its role may act").to.include(attachment.urn);
        }
    });

    it("ECS: holds each service at 0–0 from 19:00 and at its range from 07:00, Monday to Friday, New York time", async () => {
        const built = await businessHours({ services: true });
        expect(built.ofType("aws:scheduler/schedule:Schedule")).to.have.length(0);
        expect(built.ofType("aws:iam/role:Role")).to.have.length(0);
        const actions = built.ofType("aws:appautoscaling/scheduledAction:ScheduledAction").map((a) => a.inputs);
        expect(actions).to.have.length(4);
        const of = (resourceId: string, schedule: string) => actions.find((a) => a.resourceId === resourceId && a.schedule === schedule);
        expect(of("service/caresync-dev-ecs/web", "cron(0 7 ? * MON-FRI *)")?.scalableTargetAction).to.deep.equal({
            minCapacity: 2,
            maxCapacity: 10,
        });
        expect(of("service/caresync-dev-ecs/api", "cron(0 7 ? * MON-FRI *)")?.scalableTargetAction).to.deep.equal({
            minCapacity: 3,
            maxCapacity: 15,
        });
        for (const id of ["service/caresync-dev-ecs/web", "service/caresync-dev-ecs/api"]) {
            expect(of(id, "cron(0 19 ? * MON-FRI *)")?.scalableTargetAction).to.deep.equal({ minCapacity: 0, maxCapacity: 0 });
        }
        for (const a of actions) {
            expect(a).to.include({ serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", timezone: "America/New_York" });
        }
    });

    it("follows the configured days, hours and time zone", async () => {
        const built = await businessHours({
            nodes: true,
            config: { ...hours, days: "MON-SAT", start: 6, end: 22, timezone: "Europe/Berlin" },
        });
        const schedules = built.ofType("aws:scheduler/schedule:Schedule");
        expect(schedules.map((s) => s.inputs.scheduleExpression).sort()).to.deep.equal([
            "cron(0 22 ? * MON-SAT *)",
            "cron(0 6 ? * MON-SAT *)",
        ]);
        expect(schedules.map((s) => s.inputs.scheduleExpressionTimezone)).to.deep.equal(["Europe/Berlin", "Europe/Berlin"]);
    });
});
