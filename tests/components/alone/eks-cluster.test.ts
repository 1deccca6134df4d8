import { expect } from "chai";
import { EksCluster } from "../../../components/compute/eks-cluster";
import { ComputeConfig } from "../../../components/config/schema/compute";
import { buildAlone, clusterArgs, keyArn } from "../../support/alone";

const APP_SUBNETS = ["subnet-app-a", "subnet-app-b"];

interface Options {
    stack?: string;
    changes?: Partial<ComputeConfig>;
    deployerSecurityGroupId?: string;
}

function cluster({ stack = "dev", changes = {}, deployerSecurityGroupId }: Options) {
    return buildAlone((context, config) => {
        new EksCluster(
            "eks",
            clusterArgs(context, { ...config.compute, ...changes }, { deployerSecurityGroupId, appSubnetIds: APP_SUBNETS }),
        );
    }, stack);
}

type Built = Awaited<ReturnType<typeof cluster>>;
const eks = (built: Built) => built.one("aws:eks/cluster:Cluster");

describe("EksCluster, built alone", () => {
    it("runs the node type, count and volume size its config slice gives, on the Kubernetes version it gives", async () => {
        const built = await cluster({
            changes: { kubernetesVersion: "1.35", nodes: { instanceType: "m6i.xlarge", count: 3, volumeSizeGb: 80 } },
        });
        const nodes = built.one("aws:eks/nodeGroup:NodeGroup");
        expect(nodes.inputs.instanceTypes).to.deep.equal(["m6i.xlarge"]);
        expect((nodes.inputs.scalingConfig as any).minSize).to.equal(3);
        expect((nodes.inputs.scalingConfig as any).desiredSize).to.equal(3);
        expect(nodes.inputs.subnetIds).to.deep.equal(APP_SUBNETS);
        const [device] = built.one("aws:ec2/launchTemplate:LaunchTemplate").inputs.blockDeviceMappings as any[];
        expect(device.ebs).to.include({ volumeSize: 80, kmsKeyId: keyArn("data"), encrypted: "true" });
        expect(eks(built).inputs.version).to.equal("1.35");
        expect(built.ofType("aws:eks/addon:Addon").length).to.be.above(0);
    });

    it("opens the public endpoint only to the CIDRs its config slice lists", async () => {
        const closed = (await cluster({ changes: { publicEndpointCidrs: [] } })).one("aws:eks/cluster:Cluster").inputs.vpcConfig as any;
        expect(closed).to.include({ endpointPrivateAccess: true, endpointPublicAccess: false });
        const open = (await cluster({ changes: { publicEndpointCidrs: ["203.0.113.0/24"] } })).one("aws:eks/cluster:Cluster").inputs
            .vpcConfig as any;
        expect(open).to.include({ endpointPublicAccess: true });
        expect(open.publicAccessCidrs).to.deep.equal(["203.0.113.0/24"]);
    });

    it("envelope-encrypts secrets with the cluster key, logs the control plane with the logs key, and admits the CI runner it is given", async () => {
        const built = await cluster({ deployerSecurityGroupId: "sg-ci-runner" });
        expect((eks(built).inputs.encryptionConfig as any).provider.keyArn).to.equal(keyArn("cluster"));
        expect(built.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.kmsKeyId)).to.deep.equal([keyArn("logs")]);
        const fromRunner = built.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        expect(fromRunner.map((r) => r.inputs.referencedSecurityGroupId)).to.deep.equal(["sg-ci-runner"]);
        expect((await cluster({})).ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).to.have.length(0);
    });

    it("refuses deletion in prod and not in dev", async () => {
        expect(eks(await cluster({ stack: "prod" })).inputs.deletionProtection).to.equal(true);
        expect(eks(await cluster({})).inputs.deletionProtection).to.equal(false);
    });
});
