import { expect } from "chai";
import { Namespace } from "kubernetes-models/v1";
import { profiles } from "../../components/config/profiles";
import { ofType, planOf, STACKS, stackFile } from "../support/engine";
import { parseStackConfig } from "../../components/config/stack-config";

const one = (plan: Awaited<ReturnType<typeof planOf>>, type: string) => {
    const found = ofType(plan, type);
    expect(found, type).to.have.length(1);
    return found[0].inputs as any;
};

/** Node groups of seed 000's dev and prod environments. */
const seedNodes: Partial<Record<string, { count: number; instanceType: string }>> = {
    dev: { count: 2, instanceType: "t3.medium" },
    prod: { count: 6, instanceType: "t3.large" },
};

describe("EKS cluster", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("keeps the API endpoint private, envelope-encrypts secrets with the cluster key and ships every control-plane log", async () => {
                const plan = await planOf(stack);
                const cluster = one(plan, "aws:eks/cluster:Cluster");
                expect(cluster.vpcConfig.endpointPrivateAccess).to.equal(true);
                expect(cluster.vpcConfig.endpointPublicAccess).to.equal(false);
                expect(cluster.encryptionConfig.resources).to.deep.equal(["secrets"]);
                const clusterKey = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-cluster")!;
                expect(cluster.encryptionConfig.provider.keyArn).to.equal(`arn:aws:kms:us-east-1:${plan.deployment!.accountId}:key/${clusterKey.name}`);
                expect(cluster.enabledClusterLogTypes).to.have.members(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
                const group = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").find(
                    (g) => g.inputs.name === `/aws/eks/${cluster.name}/cluster`,
                );
                expect(group, "control-plane log group").to.not.equal(undefined);
                expect(group!.inputs.retentionInDays).to.equal(profiles[stack].auditLogRetentionDays);
                expect(group!.inputs.kmsKeyId).to.match(/key\/keys-logs$/);
            });

            it("runs managed nodes of the environment's size in the app subnets, IMDSv2 only, on encrypted volumes", async () => {
                const plan = await planOf(stack);
                const group = one(plan, "aws:eks/nodeGroup:NodeGroup");
                const { count, instanceType } = seedNodes[stack] ?? profiles[stack].nodeGroup;
                expect(group.instanceTypes).to.deep.equal([instanceType]);
                expect(group.scalingConfig.desiredSize).to.equal(count);
                expect(group.scalingConfig.minSize).to.equal(count);
                expect(group.subnetIds.every((id: string) => /^network-app-\d-id$/.test(id))).to.equal(true);
                const template = one(plan, "aws:ec2/launchTemplate:LaunchTemplate");
                expect(template.metadataOptions.httpTokens).to.equal("required");
                expect(template.blockDeviceMappings.map((m: any) => m.ebs.encrypted)).to.deep.equal(["true"]);
                expect(template.vpcSecurityGroupIds).to.include("network-app-id");
                expect(group.launchTemplate.id).to.equal("eks-nodes-id");
            });

            it("pins vpc-cni, kube-proxy, coredns and the EBS CSI driver, and trusts the cluster's OIDC issuer", async () => {
                const plan = await planOf(stack);
                const addons = ofType(plan, "aws:eks/addon:Addon").map((a) => a.inputs as any);
                expect(addons.map((a) => a.addonName)).to.have.members(["vpc-cni", "kube-proxy", "coredns", "aws-ebs-csi-driver"]);
                for (const a of addons) expect(a.addonVersion, a.addonName).to.match(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
                const oidc = one(plan, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
                expect(oidc.url).to.match(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
                expect(oidc.clientIdLists).to.deep.equal(["sts.amazonaws.com"]);
            });

            it("deploys through a Kubernetes provider whose kubeconfig is a secret, into a PSA-restricted namespace", async () => {
                const plan = await planOf(stack);
                const [provider] = ofType(plan, "pulumi:providers:kubernetes");
                expect(provider.inputs.kubeconfig).to.equal("[secret]");
                const ns = ofType(plan, "kubernetes:core/v1:Namespace").find(
                    (n) => (n.inputs as any).metadata.name === `caresync-${stack}`,
                )!;
                expect(ns.provider).to.equal(provider.urn);
                new Namespace(ns.inputs as any).validate();
                const labels = (ns.inputs as any).metadata.labels;
                for (const mode of ["enforce", "audit", "warn"])
                    expect(labels[`pod-security.kubernetes.io/${mode}`]).to.equal("restricted");
                expect(labels.environment).to.equal(stack);
            });
        });
    }

    it("allows a public endpoint only in dev and only with an allowlist", async () => {
        const plan = await planOf("dev", { "careplane:compute": { publicEndpointCidrs: ["203.0.113.0/24"] } });
        const cluster = one(plan, "aws:eks/cluster:Cluster");
        expect(cluster.vpcConfig.endpointPublicAccess).to.equal(true);
        expect(cluster.vpcConfig.publicAccessCidrs).to.deep.equal(["203.0.113.0/24"]);
        const prod = stackFile("prod", { "careplane:compute": { publicEndpointCidrs: ["203.0.113.0/24"] } });
        expect(() => parseStackConfig(prod.config, prod.file)).to.throw(
            'Pulumi.prod.yaml: careplane:compute.publicEndpointCidrs = ["203.0.113.0/24"] is not allowed: prod keeps the Kubernetes API private; a public endpoint with an allowlist is allowed only in dev',
        );
        const dev = stackFile("dev", { "careplane:compute": { publicEndpointCidrs: ["0.0.0.0/0"] } });
        expect(() => parseStackConfig(dev.config, dev.file)).to.throw("never 0.0.0.0/0");
    });

    it("rejects a prod node group smaller than seed 000's six nodes", () => {
        const prod = stackFile("prod", { "careplane:compute": { nodes: { count: 3 } } });
        expect(() => parseStackConfig(prod.config, prod.file)).to.throw(
            "Pulumi.prod.yaml: careplane:compute.nodes.count = 3 is not allowed: prod runs at least 6 nodes; use an integer from 6 to 100",
        );
    });
});
