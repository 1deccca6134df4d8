import { expect } from "chai";
import { Namespace } from "kubernetes-models/v1";
import { profiles } from "../../components/config/profiles";
import { computeWith, ofType, planOf, STACKS, stackFile } from "../support/engine";
import { parseStackConfig } from "../../components/config/stack-config";

const one = (plan: Awaited<ReturnType<typeof planOf>>, type: string) => {
    const found = ofType(plan, type);
    expect(found, type).to.have.length(1);
    return found[0].inputs as any;
};

/** Node groups of seed 000's dev and prod environments (its counts; m6i.large instead of its t3 types, see instance-types.ts). */
const seedNodes: Partial<Record<string, { count: number; instanceType: string }>> = {
    dev: { count: 2, instanceType: "m6i.large" },
    prod: { count: 6, instanceType: "m6i.large" },
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
                expect(cluster.encryptionConfig.provider.keyArn).to.equal(
                    `arn:aws:kms:us-east-1:${plan.deployment!.accountId}:key/${clusterKey.name}`,
                );
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
                // The cluster security group alone (EKS creates it): no data store admits the nodes.
                expect(template.vpcSecurityGroupIds).to.have.length(1);
                expect(template.vpcSecurityGroupIds[0]).to.match(/^sg-[0-9a-f]{17}$/);
                expect(group.launchTemplate.id).to.equal("eks-nodes-id");
                // On the cluster's version, so a control-plane upgrade rolls the nodes in the same update.
                expect(group.version)
                    .to.match(/^1\.\d+$/)
                    .and.to.equal(one(plan, "aws:eks/cluster:Cluster").version);
            });

            it("pins vpc-cni, kube-proxy, coredns, the EBS CSI driver and metrics-server, and trusts the cluster's OIDC issuer", async () => {
                const plan = await planOf(stack);
                const addons = ofType(plan, "aws:eks/addon:Addon").map((a) => a.inputs as any);
                expect(addons.map((a) => a.addonName)).to.have.members([
                    "vpc-cni",
                    "kube-proxy",
                    "coredns",
                    "aws-ebs-csi-driver",
                    "metrics-server",
                ]);
                for (const a of addons) expect(a.addonVersion, a.addonName).to.match(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
                const oidc = one(plan, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
                expect(oidc.url).to.match(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
                expect(oidc.clientIdLists).to.deep.equal(["sts.amazonaws.com"]);
            });

            it("creates the cluster, the nodes and the add-ons with IRSA roles only once their roles' policies are attached (creation order)", async () => {
                const plan = await planOf(stack);
                const attachments = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
                // Every policy attached to the role a resource is handed (its roleArn-like input), it waits for.
                const handed: Array<[string, string]> = [
                    ["aws:eks/cluster:Cluster", "roleArn"],
                    ["aws:eks/nodeGroup:NodeGroup", "nodeRoleArn"],
                    ["aws:eks/addon:Addon", "serviceAccountRoleArn"],
                ];
                let checked = 0;
                for (const [type, property] of handed)
                    for (const holder of ofType(plan, type)) {
                        const role = (holder.propertyDependencies[property] ?? []).find((u) => u.includes("aws:iam/role:Role::"));
                        if (!role) continue;
                        const own = attachments.filter((a) => (a.propertyDependencies.role ?? []).includes(role));
                        expect(own, `${holder.name}'s role has policies`).to.not.be.empty;
                        for (const a of own) expect(holder.dependencies, `${holder.name} waits for ${a.name}`).to.include(a.urn);
                        checked++;
                    }
                // The cluster, the node group, vpc-cni and the EBS CSI driver.
                expect(checked).to.equal(4);
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
        const plan = await planOf("dev", { "careplane:compute": computeWith("dev", { publicEndpointCidrs: ["203.0.113.0/24"] }) });
        const cluster = one(plan, "aws:eks/cluster:Cluster");
        expect(cluster.vpcConfig.endpointPublicAccess).to.equal(true);
        expect(cluster.vpcConfig.publicAccessCidrs).to.deep.equal(["203.0.113.0/24"]);
        const prod = stackFile("prod", { "careplane:compute": computeWith("prod", { publicEndpointCidrs: ["203.0.113.0/24"] }) });
        expect(() => parseStackConfig(prod.config, prod.file)).to.throw(
            'Pulumi.prod.yaml: careplane:compute.publicEndpointCidrs = ["203.0.113.0/24"] is not allowed: prod keeps the Kubernetes API private; a public endpoint with an allowlist is allowed only in dev',
        );
        const dev = stackFile("dev", { "careplane:compute": computeWith("dev", { publicEndpointCidrs: ["0.0.0.0/0"] }) });
        expect(() => parseStackConfig(dev.config, dev.file)).to.throw("never 0.0.0.0/0");
    });

    it("rejects a prod node group smaller than seed 000's six nodes", () => {
        const prod = stackFile("prod", { "careplane:compute": computeWith("prod", { nodes: { count: 3 } }) });
        expect(() => parseStackConfig(prod.config, prod.file)).to.throw(
            "Pulumi.prod.yaml: careplane:compute.nodes.count = 3 is not allowed: prod runs at least 6 nodes; use an integer from 6 to 100",
        );
    });
});
