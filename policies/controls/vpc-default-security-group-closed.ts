import { dependents, stackControl } from "../lib/control";

export const vpcDefaultSecurityGroupClosed = stackControl({
    name: "careplane-vpc-default-security-group-closed",
    description: "Every VPC's default security group is adopted and left without rules, so nothing can use it by accident.",
    hipaa: ["164.312(e)(1)"],
    severity: "medium",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-VPCDefaultSecurityGroupClosed"],
    types: ["aws:ec2/vpc:Vpc", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
    check: (resources, report) => {
        for (const vpc of resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")) {
            const groups = dependents(resources, vpc, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            if (groups.length === 0) {
                report(vpc, {
                    problem: "its default security group keeps AWS's default rules",
                    expected: "an aws.ec2.DefaultSecurityGroup with no rules",
                });
            }
            for (const g of groups) {
                if ((g.props.ingress ?? []).length > 0 || (g.props.egress ?? []).length > 0) {
                    report(g, { problem: "the default security group has rules", expected: "no ingress and no egress rules" });
                }
            }
        }
    },
});
