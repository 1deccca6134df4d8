import { expect } from "chai";
import { allocatable, nodeInstanceTypes } from "../../components/compute/instance-types";
import { demandAtMaximum } from "../../components/compute/capacity";
import { parseStackConfig } from "../../components/config/stack-config";
import { PlannedResource } from "../../tools/engine/plan";
import { allows } from "../support/iam";
import { computeWith, ofType, planOf, STACKS, stackFile } from "../support/engine";

const release = (plan: Awaited<ReturnType<typeof planOf>>, chart: string) =>
    ofType(plan, "kubernetes:helm.sh/v3:Release").find((r) => (r.inputs as any).chart === chart) as PlannedResource;

describe("autoscaling (issue 18 item 9)", () => {
    it("computes a node's allocatable capacity with the EKS AMI's reservations", () => {
        // m6i.large: 2 vCPU, 8 GiB, 29 pods. CPU: 2000m − (60m + 10m). Memory: 8192 × 0.925 = 7577 MiB visible,
        // − (255 + 11 × 29 = 574) kube-reserved − 100 eviction = 6903.
        expect(allocatable(nodeInstanceTypes["m6i.large"])).to.deep.equal({ cpuMillis: 1930, memoryMiB: 6903 });
        // m6i.2xlarge: 8 vCPU. CPU reserve 60 + 10 + 2 × 5 + 4 × 2.5 = 90m.
        expect(allocatable(nodeInstanceTypes["m6i.2xlarge"]).cpuMillis).to.equal(7910);
    });

    it("counts a service at its HPA maximum, with its TLS sidecar when routed and a branch interface when it uses a store", () => {
        const cfg = parseStackConfig(stackFile("dev").config, "Pulumi.dev.yaml");
        const base = { nodes: cfg.compute.nodes, multiAz: false, grafana: false, postgresExporters: 1 };
        const without = demandAtMaximum({ ...base, services: {} });
        const worker = {
            ...cfg.services.worker,
            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } },
            replicas: { min: 1, max: 4 },
        };
        const withWorker = demandAtMaximum({ ...base, services: { worker } });
        expect({
            cpu: withWorker.cpuMillis - without.cpuMillis,
            memory: withWorker.memoryMiB - without.memoryMiB,
            pods: withWorker.pods - without.pods,
            branch: withWorker.branchInterfaces - without.branchInterfaces,
        }).to.deep.equal({ cpu: 2000, memory: 4096, pods: 4, branch: 4 });
        // A routed web service without a store: 4 × (app + the 25m / 32Mi sidecar), no branch interface.
        const web = { ...cfg.services.web, resources: worker.resources, replicas: { min: 1, max: 4 } };
        const withWeb = demandAtMaximum({ ...base, services: { web } });
        expect([
            withWeb.cpuMillis - without.cpuMillis,
            withWeb.memoryMiB - without.memoryMiB,
            withWeb.branchInterfaces - without.branchInterfaces,
        ]).to.deep.equal([4 * 525, 4 * 1056, 0]);
    });

    it("refuses a node group too small for the services at their maximum, in one line", () => {
        const prod = stackFile("prod", { "careplane:compute": computeWith("prod", { nodes: { maxCount: 6 } }) });
        expect(() => parseStackConfig(prod.config, prod.file)).to.throw(
            /^Pulumi\.prod\.yaml: careplane:compute\.nodes\.maxCount = 6 is not allowed: at their HPA maximum the pods request \d+\.\d vCPU and 6 × m6i\.large \(the node group's maximum\) allocate 10\.3; raise nodes\.maxCount/,
        );
        // Staging's old sizing (3 nodes, at most 6) held neither its services nor the cluster's own pods.
        const staging = stackFile("staging", { "careplane:compute": computeWith("staging", { nodes: {} }) });
        expect(() => parseStackConfig(staging.config, staging.file)).to.throw(
            "careplane:compute.nodes.maxCount = (missing) is not allowed",
        );
    });

    for (const stack of STACKS) {
        it(`${stack}: the node group scales to its configured maximum; metrics-server and Cluster Autoscaler run`, async () => {
            const plan = await planOf(stack);
            const cfg = parseStackConfig(stackFile(stack).config, `Pulumi.${stack}.yaml`);
            const [group] = ofType(plan, "aws:eks/nodeGroup:NodeGroup");
            expect((group.inputs as any).scalingConfig.maxSize).to.equal(cfg.compute.nodes.maxCount ?? cfg.compute.nodes.count * 2);
            const metrics = ofType(plan, "aws:eks/addon:Addon").find((a) => (a.inputs as any).addonName === "metrics-server");
            expect(metrics, "metrics-server add-on").to.not.equal(undefined);
            const ca = release(plan, "cluster-autoscaler");
            const values = ca.inputs.values as any;
            expect(values.autoDiscovery.clusterName).to.equal(`caresync-${stack}-eks`);
            expect(values.image.tag.split(".").slice(0, 2).join(".")).to.equal(`v${cfg.compute.kubernetesVersion}`);
            expect(values.rbac.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).to.match(/eks-cluster-autoscaler/);
        });
    }

    it("lets Cluster Autoscaler resize only this cluster's node groups", async () => {
        const plan = await planOf("prod");
        const policy = JSON.parse(
            ofType(plan, "aws:iam/policy:Policy").find((p) => p.name === "eks-cluster-autoscaler")!.inputs.policy as string,
        );
        const asg = (cluster: string) =>
            `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/${cluster}-nodes`;
        const tagged = (cluster: string) => ({
            [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: "owned",
            "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true",
        });
        expect(await allows(policy, "autoscaling:SetDesiredCapacity", asg("caresync-prod-eks"), tagged("caresync-prod-eks"))).to.equal(
            true,
        );
        expect(await allows(policy, "autoscaling:SetDesiredCapacity", asg("other"), tagged("other"))).to.equal(false);
        expect(await allows(policy, "autoscaling:TerminateInstanceInAutoScalingGroup", asg("untagged"), {})).to.equal(false);
        expect(await allows(policy, "eks:DescribeNodegroup", "arn:aws:eks:us-east-1:123456789012:nodegroup/other-cluster/ng/abc")).to.equal(
            false,
        );
    });
});
