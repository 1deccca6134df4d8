import { expect } from "chai";
import { AdminAccess, sessionEndpoints } from "../../../components/access/session-manager";
import { ACCOUNT, buildAlone, documentOf, keyArn, PARTITION } from "../../support/alone";

const APP_SUBNETS = ["subnet-app-a", "subnet-app-b"];

function adminAccess(idleTimeoutMinutes: number, ecsClusterName?: string) {
    return buildAlone((context) => {
        new AdminAccess("access", {
            context,
            vpcId: "vpc-0123",
            vpcCidr: "10.42.0.0/16",
            appSubnetIds: APP_SUBNETS,
            logsKeyArn: keyArn("logs"),
            accountId: ACCOUNT,
            partition: PARTITION,
            idleTimeoutMinutes,
            ecsClusterName,
        });
    });
}

describe("AdminAccess (Session Manager), built alone", () => {
    it("closes idle sessions after the minutes it is given and encrypts sessions and their log with the logs key", async () => {
        const built = await adminAccess(15);
        const preferences = documentOf(built.one("aws:ssm/document:Document"), "content");
        expect(preferences.inputs.idleSessionTimeout).to.equal("15");
        expect(preferences.inputs.kmsKeyId).to.equal(keyArn("logs"));
        expect(built.one("aws:cloudwatch/logGroup:LogGroup").inputs.kmsKeyId).to.equal(keyArn("logs"));
        expect(
            documentOf(await adminAccess(45).then((b) => b.one("aws:ssm/document:Document")), "content").inputs.idleSessionTimeout,
        ).to.equal("45");
    });

    it("reaches Session Manager through endpoints in the subnets and VPC range it is given", async () => {
        const built = await adminAccess(15);
        const endpoints = built.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(endpoints.map((e) => e.inputs.serviceName)).to.have.members(sessionEndpoints.map((s) => `com.amazonaws.us-east-1.${s}`));
        for (const e of endpoints) expect(e.inputs.subnetIds).to.deep.equal(APP_SUBNETS);
        const [ingress] = built.one("aws:ec2/securityGroup:SecurityGroup").inputs.ingress as any[];
        expect(ingress.cidrBlocks).to.deep.equal(["10.42.0.0/16"]);
    });

    it("lets operators open shells in the ECS cluster it is given, and in none without one", async () => {
        const exec = (doc: any) => doc.Statement.filter((s: any) => s.Action === "ecs:ExecuteCommand");
        const withEcs = documentOf((await adminAccess(15, "caresync-dev-ecs")).one("aws:iam/policy:Policy"));
        expect(exec(withEcs)).to.have.length(1);
        expect(exec(withEcs)[0].Resource[0]).to.match(/:cluster\/caresync-dev-ecs$/);
        expect(exec(documentOf((await adminAccess(15)).one("aws:iam/policy:Policy")))).to.have.length(0);
    });
});
