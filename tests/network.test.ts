import { expect } from "chai";
import { subnetCidr, subnetTiers } from "../components/network/subnets";
import { ipToInt } from "../components/config/schema/network";
import { ofType, planOf, STACKS } from "./support/engine";
import { rolePermissionsNotAwaited } from "./support/resources";

const azCount = { dev: 2, test: 2, staging: 3, prod: 3 };
const natCount = { dev: 1, test: 1, staging: 1, prod: 3 };

function range(cidr: string): [number, number] {
    const [ip, prefix] = cidr.split("/");
    const start = ipToInt(ip);
    return [start, start + 2 ** (32 - Number(prefix))];
}

describe("Network under the mock engine", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it(`has one public, app and data subnet in each of its ${azCount[stack]} AZs`, async () => {
                const subnets = ofType(await planOf(stack), "aws:ec2/subnet:Subnet");
                for (const tier of subnetTiers) {
                    const inTier = subnets.filter((s) => (s.inputs.tags as Record<string, string>).Tier === tier);
                    expect(inTier, tier).to.have.length(azCount[stack]);
                    expect(new Set(inTier.map((s) => s.inputs.availabilityZone)).size, `${tier} AZs`).to.equal(azCount[stack]);
                }
            });

            it("carves non-overlapping subnets inside the VPC block", async () => {
                const plan = await planOf(stack);
                const [vpc] = ofType(plan, "aws:ec2/vpc:Vpc");
                const [vpcStart, vpcEnd] = range(vpc.inputs.cidrBlock as string);
                const ranges = ofType(plan, "aws:ec2/subnet:Subnet").map((s) => range(s.inputs.cidrBlock as string));
                for (const [start, end] of ranges) expect(start >= vpcStart && end <= vpcEnd).to.equal(true);
                const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
                sorted.slice(1).forEach(([start], i) => expect(start).to.be.at.least(sorted[i][1]));
            });

            it(`has ${natCount[stack]} NAT gateway(s), each in a public subnet, routing the app tier only`, async () => {
                const plan = await planOf(stack);
                const nats = ofType(plan, "aws:ec2/natGateway:NatGateway");
                expect(nats).to.have.length(natCount[stack]);
                const routeTables = ofType(plan, "aws:ec2/routeTable:RouteTable");
                const natRoutes = routeTables.filter((t) => ((t.inputs.routes as any[]) ?? []).some((r) => r.natGatewayId));
                expect(natRoutes).to.have.length(azCount[stack]);
                const dataTable = routeTables.find((t) => (t.inputs.tags as Record<string, string>).Name.endsWith("-data"))!;
                expect(dataTable.inputs.routes ?? []).to.deep.equal([]);
            });

            it("assigns no public IPs on launch in any subnet", async () => {
                for (const s of ofType(await planOf(stack), "aws:ec2/subnet:Subnet")) expect(s.inputs.mapPublicIpOnLaunch).to.equal(false);
            });

            it("logs all VPC traffic to a KMS-encrypted log group kept at least the audit minimum", async () => {
                const plan = await planOf(stack);
                const [flowLog] = ofType(plan, "aws:ec2/flowLog:FlowLog");
                const [vpc] = ofType(plan, "aws:ec2/vpc:Vpc");
                expect(flowLog.inputs).to.include({ trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
                expect(flowLog.dependencies).to.include(vpc.urn);
                const group = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").find((g) => flowLog.dependencies.includes(g.urn))!;
                expect(group.inputs.kmsKeyId).to.match(/^arn:aws:kms:/);
                expect(group.inputs.retentionInDays).to.be.at.least(stack === "prod" ? 365 : 30);
            });

            it("creates the flow log only once its delivery role holds its permissions [issue 18 item 15]", async () => {
                const plan = await planOf(stack);
                const [flowLog] = ofType(plan, "aws:ec2/flowLog:FlowLog");
                const { permissions, missing } = rolePermissionsNotAwaited(plan, flowLog, "iamRoleArn");
                expect(permissions).to.have.length(1);
                expect(missing).to.deep.equal([]);
            });

            it("closes the default security group", async () => {
                const [sg] = ofType(await planOf(stack), "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
                expect(sg.inputs.ingress ?? []).to.deep.equal([]);
                expect(sg.inputs.egress ?? []).to.deep.equal([]);
            });

            it("fences the data tier: its NACL admits only the app and data subnets", async () => {
                const plan = await planOf(stack);
                const acl = ofType(plan, "aws:ec2/networkAcl:NetworkAcl").find(
                    (a) => (a.inputs.tags as Record<string, string>).Tier === "data",
                )!;
                const vpcCidr = ofType(plan, "aws:ec2/vpc:Vpc")[0].inputs.cidrBlock as string;
                const allowed = new Set(
                    (["app", "data"] as const).flatMap((tier) =>
                        Array.from({ length: azCount[stack] }, (_, i) => subnetCidr(vpcCidr, tier, i)),
                    ),
                );
                for (const rule of [...(acl.inputs.ingress as any[]), ...(acl.inputs.egress as any[])]) {
                    expect(allowed.has(rule.cidrBlock), rule.cidrBlock).to.equal(true);
                }
            });

            it("creates the S3 gateway and the Secrets Manager, ECR and Logs interface endpoints", async () => {
                const services = ofType(await planOf(stack), "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) =>
                    (e.inputs.serviceName as string).replace("com.amazonaws.us-east-1.", ""),
                );
                expect(services.sort()).to.deep.equal(["ecr.api", "ecr.dkr", "logs", "s3", "secretsmanager"]);
            });

            it("tags every resource that takes tags with Environment, DataClassification and Owner", async () => {
                const plan = await planOf(stack);
                const tagged = plan.resources.filter((r) => r.inputs.tags);
                expect(tagged.length).to.be.greaterThan(20);
                for (const r of tagged) {
                    expect(r.inputs.tags, r.urn).to.include({ Environment: stack, Owner: "platform-team", ManagedBy: "pulumi" });
                    expect(["phi", "confidential", "internal"], r.urn).to.include(
                        (r.inputs.tags as Record<string, string>).DataClassification,
                    );
                }
            });
        });
    }

    it("creates only the endpoints config enables", async () => {
        const plan = await planOf("dev", { "careplane:network": { endpoints: { ecr: false, logs: false } } });
        const services = ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) =>
            (e.inputs.serviceName as string).split(".").slice(3).join("."),
        );
        expect(services.sort()).to.deep.equal(["s3", "secretsmanager"]);
    });

    it("carves a /20 VPC into /24 subnets", () => {
        expect(subnetCidr("10.1.0.0/20", "public", 0)).to.equal("10.1.0.0/24");
        expect(subnetCidr("10.1.0.0/20", "app", 2)).to.equal("10.1.6.0/24");
        expect(subnetCidr("10.1.0.0/20", "data", 1)).to.equal("10.1.9.0/24");
        expect(subnetCidr("10.0.0.0/16", "data", 2)).to.equal("10.0.160.0/20");
    });
});
