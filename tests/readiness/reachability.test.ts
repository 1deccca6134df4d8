// The network model behind reachability/provider-connections, on a hand-made VPC: a CI runner in an
// app subnet opening PostgreSQL to a database in an isolated data subnet, through the route
// tables, the network ACLs (both directions) and the security groups.
import { expect } from "chai";
import { Plan } from "../../tools/engine/plan";
import { analyzeReadiness } from "../../tools/readiness";
import { Fixture } from "./support/fixture";

type Edit = (parts: ReturnType<typeof network>) => void;

function network() {
    const fx = new Fixture("prod");
    fx.plan.deployment = { accountId: "123456789012", region: "us-east-1", runner: "vpc", singletons: true };
    const vpc = fx.add("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16", enableDnsSupport: true, enableDnsHostnames: true });
    const app = fx.add("aws:ec2/subnet:Subnet", "app", { cidrBlock: "10.0.64.0/20", vpcId: "vpc-id", availabilityZone: "us-east-1a" }, [
        vpc,
    ]);
    const data = fx.add("aws:ec2/subnet:Subnet", "data", { cidrBlock: "10.0.128.0/20", vpcId: "vpc-id", availabilityZone: "us-east-1a" }, [
        vpc,
    ]);
    const nat = fx.add("aws:ec2/natGateway:NatGateway", "nat", {});
    const appRoutes = fx.add(
        "aws:ec2/routeTable:RouteTable",
        "app",
        { vpcId: "vpc-id", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" }] },
        [nat],
    );
    fx.add("aws:ec2/routeTableAssociation:RouteTableAssociation", "app", { routeTableId: "app-id", subnetId: "app-id" }, [appRoutes, app]);
    const dataAcl = fx.add(
        "aws:ec2/networkAcl:NetworkAcl",
        "data",
        {
            vpcId: "vpc-id",
            subnetIds: ["data-id"],
            ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "10.0.64.0/20", fromPort: 5432, toPort: 5432 }],
            egress: [{ ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "10.0.64.0/20", fromPort: 1024, toPort: 65535 }],
        },
        [data],
    );
    const runnerGroup = fx.add("aws:ec2/securityGroup:SecurityGroup", "runner", {
        vpcId: "vpc-id",
        egress: [
            { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.128.0/20"] },
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        ],
    });
    const dbGroup = fx.add(
        "aws:ec2/securityGroup:SecurityGroup",
        "db",
        {
            vpcId: "vpc-id",
            ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["runner-id"] }],
            egress: [],
        },
        [runnerGroup],
    );
    const subnets = fx.add("aws:rds/subnetGroup:SubnetGroup", "db", { name: "db", subnetIds: ["data-id"] }, [data]);
    const db = fx.add(
        "aws:rds/instance:Instance",
        "db",
        { identifier: "db", dbSubnetGroupName: "db", vpcSecurityGroupIds: ["db-id"], port: 5432, publiclyAccessible: false },
        [subnets, dbGroup],
    );
    fx.add(
        "aws:codebuild/project:Project",
        "runner",
        { vpcConfig: { vpcId: "vpc-id", subnets: ["app-id"], securityGroupIds: ["runner-id"] } },
        [runnerGroup, app],
    );
    const provider = fx.add("pulumi:providers:postgresql", "db", { host: "db.abc.us-east-1.rds.amazonaws.com", port: 5432 }, [db], {
        propertyDependencies: { host: [db.urn] },
    });
    return { fx, vpc, app, data, dataAcl, runnerGroup, dbGroup, db, provider };
}

async function connection(edit?: Edit): Promise<string[]> {
    const parts = network();
    edit?.(parts);
    const plan: Plan = parts.fx.plan;
    return (await analyzeReadiness(plan, { today: new Date("2026-11-01") })).findings
        .filter((f) => f.rule === "reachability/provider-connections")
        .map((f) => f.message);
}

describe("deploy readiness: reachability of the database from the CI runner", function () {
    this.timeout(60000);

    it("follows the route, both network ACL directions and both security groups to an open connection", async () => {
        expect(await connection()).to.deep.equal([]);
    });

    it("refuses when the data subnets' ACL admits PostgreSQL but not its replies", async () => {
        const [message] = await connection(({ dataAcl }) => ((dataAcl.inputs.egress as any[])[0].fromPort = 61000));
        expect(message).to.contain("the network ACL of data refuses the replies (TCP 32768-60999 to 10.0.64.0/20)");
    });

    it("refuses when an earlier-numbered ACL rule denies what a later one allows (first match wins)", async () => {
        const [message] = await connection(({ dataAcl }) =>
            (dataAcl.inputs.ingress as any[]).unshift({
                ruleNo: 50,
                action: "deny",
                protocol: "-1",
                cidrBlock: "0.0.0.0/0",
                fromPort: 0,
                toPort: 0,
            }),
        );
        expect(message).to.contain("the network ACL of data refuses inbound TCP 5432 from 10.0.64.0/20");
    });

    it("refuses when the database's security group admits another group than the runner's", async () => {
        const [message] = await connection(({ dbGroup }) => ((dbGroup.inputs.ingress as any[])[0].securityGroups = ["app-id"]));
        expect(message).to.match(/no security group of the endpoint \(db\) admits TCP 5432 from runner/);
    });

    it("refuses when the runner's security group lets nothing out to the database", async () => {
        const [message] = await connection(
            ({ runnerGroup }) => (runnerGroup.inputs.egress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }]),
        );
        expect(message).to.contain("no security group of the source (runner) allows outbound TCP 5432 to 10.0.128.0/20");
    });

    it("refuses when CI runs on GitHub-hosted runners and the database is not public", async () => {
        const [message] = await connection(({ fx }) => (fx.plan.deployment!.runner = "github-hosted"));
        expect(message).to.contain("CI runs on GitHub-hosted runners on the internet, and PostgreSQL on db has no public endpoint");
    });
});
