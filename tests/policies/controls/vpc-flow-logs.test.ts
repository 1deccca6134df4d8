import { aws, specControl } from "../../support/controls";
import { vpc } from "../baselines/network";

specControl("careplane-vpc-flow-logs", {
    passes: [
        {
            it: "a VPC with a flow log of all traffic",
            fixtures: [vpc, aws("aws:ec2/flowLog:FlowLog", "flow", { trafficType: "ALL" }, { vpcId: vpc })],
        },
    ],
    fails: [
        { it: "a VPC without flow logs", fixtures: [vpc], message: "vpc (aws:ec2/vpc:Vpc): no flow log records all of this VPC's traffic" },
        {
            it: "a VPC whose flow log records only rejected traffic",
            fixtures: [vpc, aws("aws:ec2/flowLog:FlowLog", "flow", { trafficType: "REJECT" }, { vpcId: vpc })],
            message: "expected an aws.ec2.FlowLog on the VPC with trafficType ALL",
        },
    ],
});
