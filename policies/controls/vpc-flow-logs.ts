import { dependents, stackControl } from "../lib/control";

export const vpcFlowLogs = stackControl({
    name: "careplane-vpc-flow-logs",
    description: "Every VPC records all its traffic (accepted and rejected) in flow logs.",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.312(b)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-VPCFlowLogsEnabled"],
    types: ["aws:ec2/vpc:Vpc"],
    check: (resources, report) => {
        for (const vpc of resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")) {
            const logs = dependents(resources, vpc, "aws:ec2/flowLog:FlowLog");
            if (!logs.some((l) => l.props.trafficType === "ALL")) {
                report(vpc, {
                    problem: "no flow log records all of this VPC's traffic",
                    expected: "an aws.ec2.FlowLog on the VPC with trafficType ALL",
                });
            }
        }
    },
});
