import { aws } from "../../support/controls";

export const VPC = "aws:ec2/vpc:Vpc";
export const vpc = aws(VPC, "vpc", { cidrBlock: "10.0.0.0/16" });
export const subnet = aws("aws:ec2/subnet:Subnet", "app-0", { mapPublicIpOnLaunch: false, tags: { Tier: "app" } });
