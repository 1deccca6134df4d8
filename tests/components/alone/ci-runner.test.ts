import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { CiRunner } from "../../../components/deployer/ci-runner";
import { ACCOUNT, buildAlone, keyArn, PARTITION } from "../../support/alone";

const APP_SUBNETS = ["subnet-app-a", "subnet-app-b"];
const DATA_CIDRS = ["10.42.20.0/24", "10.42.21.0/24"];

function runner(repository: string) {
    return buildAlone((context) => {
        // Stands in for the network the runner waits for (a dependency on a component is one on its children).
        const network = new aws.ec2.Vpc("network", { cidrBlock: "10.42.0.0/16" });
        new CiRunner("deployer", {
            context,
            vpcId: "vpc-0123",
            appSubnetIds: APP_SUBNETS,
            dataSubnetCidrs: DATA_CIDRS,
            logsKeyArn: keyArn("logs"),
            accountId: ACCOUNT,
            partition: PARTITION,
            network,
            repository,
        });
    });
}

describe("CiRunner, built alone", () => {
    it("takes the jobs of the repository it is given", async () => {
        for (const repository of ["example-health/careplane", "acme/careplane-fork"]) {
            const project = (await runner(repository)).one("aws:codebuild/project:Project");
            expect((project.inputs.source as any).location).to.equal(`https://github.com/${repository}.git`);
        }
    });

    it("runs in the subnets it is given, opens PostgreSQL to the data subnets only, and waits for the network", async () => {
        const built = await runner("example-health/careplane");
        const project = built.one("aws:codebuild/project:Project");
        expect(project.inputs.vpcConfig).to.deep.include({ vpcId: "vpc-0123", subnets: APP_SUBNETS });
        const egress = built.one("aws:ec2/securityGroup:SecurityGroup").inputs.egress as any[];
        expect(egress.find((e) => e.fromPort === 5432).cidrBlocks).to.deep.equal(DATA_CIDRS);
        expect(project.dependencies).to.include(built.one("aws:ec2/vpc:Vpc").urn);
    });

    it("encrypts its logs and artifacts with the logs key it is given", async () => {
        const built = await runner("example-health/careplane");
        expect(built.one("aws:codebuild/project:Project").inputs.encryptionKey).to.equal(keyArn("logs"));
        expect(built.one("aws:cloudwatch/logGroup:LogGroup").inputs.kmsKeyId).to.equal(keyArn("logs"));
        expect((built.one("aws:codebuild/project:Project").inputs.environment as any).privilegedMode).to.equal(false);
    });
});
