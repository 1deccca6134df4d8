import { aws, patch, specControl } from "../../support/controls";
import { vpc } from "../baselines/network";

const defaultSg = aws("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {}, { vpcId: vpc });
specControl("careplane-vpc-default-security-group-closed", {
    passes: [{ it: "an adopted default group without rules", fixtures: [vpc, defaultSg] }],
    fails: [
        {
            it: "a VPC whose default group is not adopted",
            fixtures: [vpc],
            message: "its default security group keeps AWS's default rules",
        },
        {
            it: "an adopted default group with an ingress rule",
            fixtures: [vpc, ...patch([defaultSg], "default", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] })],
            message: "default (aws:ec2/defaultSecurityGroup:DefaultSecurityGroup): the default security group has rules",
        },
    ],
});
