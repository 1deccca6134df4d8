import { expect } from "chai";
import { Network } from "../../../components/network/network";
import { subnetCidr } from "../../../components/network/subnets";
import { ACCOUNT, buildAlone, keyArn, PARTITION } from "../../support/alone";

describe("Network, built alone", () => {
    it("spans the VPC range and AZ count its config slice gives, one NAT gateway when asked for one", async () => {
        const built = await buildAlone((context, config) => {
            new Network("network", {
                context,
                logsKeyArn: keyArn("logs"),
                accountId: ACCOUNT,
                partition: PARTITION,
                config: { ...config.network, cidr: "10.42.0.0/16", availabilityZones: 2, natGateways: "single" },
            });
        });
        expect(built.one("aws:ec2/vpc:Vpc").inputs.cidrBlock).to.equal("10.42.0.0/16");
        const subnets = built.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.cidrBlock);
        expect(subnets).to.have.length(6);
        expect(subnets).to.include.members([subnetCidr("10.42.0.0/16", "data", 0), subnetCidr("10.42.0.0/16", "data", 1)]);
        expect(built.ofType("aws:ec2/natGateway:NatGateway")).to.have.length(1);
        expect(built.one("aws:cloudwatch/logGroup:LogGroup").inputs.kmsKeyId).to.equal(keyArn("logs"));
    });
});
