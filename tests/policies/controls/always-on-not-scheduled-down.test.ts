import { res, specControl } from "../../support/controls";
import { nodeGroupSchedule, SCHEDULE, serviceScheduledAction } from "../baselines/compute";

const stopDatabase = res(SCHEDULE, "database-stop", {
    scheduleExpression: "cron(0 19 ? * MON-FRI *)",
    flexibleTimeWindow: { mode: "OFF" },
    target: {
        arn: "arn:aws:scheduler:::aws-sdk:rds:stopDBInstance",
        roleArn: "arn:aws:iam::123456789012:role/stopper",
        input: JSON.stringify({ DbInstanceIdentifier: "caresync-prod-db" }),
    },
});
const asgToZero = res("aws:autoscaling/schedule:Schedule", "nodes-night", {
    scheduledActionName: "night",
    autoscalingGroupName: "eks-nodes",
    recurrence: "0 19 * * MON-FRI",
    minSize: 0,
    maxSize: 6,
    desiredCapacity: 0,
});

specControl("careplane-always-on-not-scheduled-down", {
    passes: [
        {
            it: "dev's business hours: nodes to zero at 19:00 and back at 07:00",
            fixtures: [nodeGroupSchedule("nodes-scale-down", 19, 0), nodeGroupSchedule("nodes-scale-up", 7, 2)],
            environment: "dev",
        },
        {
            it: "test's ECS services held at 0–0 overnight",
            fixtures: [serviceScheduledAction("api-scale-down", 22, 0, 0)],
            environment: "test",
        },
        { it: "a prod schedule that raises the node group before the morning peak", fixtures: [nodeGroupSchedule("nodes-morning", 6, 9)] },
        {
            it: "a prod scheduled action that narrows a service's range without emptying it",
            fixtures: [serviceScheduledAction("api-night", 22, 3, 6)],
        },
    ],
    fails: [
        {
            it: "prod's node group scaled to zero by a Scheduler universal target",
            fixtures: [nodeGroupSchedule("nodes-scale-down", 19, 0)],
            message:
                "the schedule's eks:updateNodegroupConfig sets desiredSize to 0; expected no scheduled stop or scale-to-zero in prod, which runs 24/7",
        },
        {
            it: "staging's ECS service held at 0–0 by Application Auto Scaling",
            fixtures: [serviceScheduledAction("api-scale-down", 19, 0, 0)],
            environment: "staging",
            message: "the scheduled action sets maxCapacity to 0; expected no scheduled stop or scale-to-zero in staging",
        },
        {
            it: "prod's database stopped by a schedule",
            fixtures: [stopDatabase],
            message: "the schedule calls rds:stopDBInstance",
        },
        {
            it: "prod's node group Auto Scaling group scheduled to zero",
            fixtures: [asgToZero],
            message: "the scheduled action sets desiredCapacity to 0",
        },
    ],
});
