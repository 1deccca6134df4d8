import { expect } from "chai";
import { EksCluster } from "../../../components/compute/eks-cluster";
import { Routing } from "../../../components/compute/ingress";
import { Workloads } from "../../../components/compute/workloads";
import { ServicesConfig } from "../../../components/config/schema/services";
import { ACCOUNT, buildAlone, clusterArgs, keyArn, PARTITION } from "../../support/alone";

const CERTIFICATE = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0000-workloads`;
const NAMESPACE = "clinic";
const clientGroups = { postgres: "sg-postgres-clients", redis: "sg-redis-clients", files: "sg-files-clients" };

function workloads(stack = "dev", replicas = { min: 4, max: 9 }) {
    return buildAlone((context, config) => {
        // Two of the stack's services, public, the api with the replica range under test.
        const { web, api } = config.services;
        const services: ServicesConfig = { web: { ...web, exposure: "public" }, api: { ...api, exposure: "public", replicas } };
        // The cluster the workloads run in: its provider, IRSA issuer and controllers.
        const cluster = new EksCluster("eks", clusterArgs(context, config.compute, { workloadsNamespace: NAMESPACE }));
        new Workloads("workloads", {
            context,
            cluster,
            accountId: ACCOUNT,
            partition: PARTITION,
            secretsKeyArn: keyArn("secrets"),
            dataSubnetCidrs: ["10.42.20.0/24", "10.42.21.0/24"],
            clientSecurityGroupIds: clientGroups,
            loadBalancerSubnetCidrs: { "internet-facing": ["10.42.0.0/24"], internal: ["10.42.10.0/24"] },
            vpcCidr: "10.42.0.0/16",
            logsKeyArn: keyArn("logs"),
            accessLogs: { bucket: "caresync-access-logs-example", prefix: "alb" },
            services,
            routing: new Routing(context, { ingress: config.compute.ingress, services, certificateArn: CERTIFICATE }),
            namespace: NAMESPACE,
            kubernetesVersion: config.compute.kubernetesVersion,
            analyticsDatabase: false,
        });
    }, stack);
}

type Built = Awaited<ReturnType<typeof workloads>>;
const named = (built: Built, type: string, name: string) => built.ofType(type).find((r) => (r.inputs.metadata as any)?.name === name)!;

describe("Workloads, built alone (on an EksCluster built beside it)", () => {
    it("runs each service it is given in the namespace it is given, scaled within the service's replica range", async () => {
        const built = await workloads("dev", { min: 4, max: 9 });
        expect(named(built, "kubernetes:core/v1:Namespace", NAMESPACE).parent).to.equal(built.one("careplane:workloads:Workloads").urn);
        const deployments = built.ofType("kubernetes:apps/v1:Deployment");
        expect(deployments.map((d) => (d.inputs.metadata as any).name)).to.have.members(["web", "api"]);
        expect((named(built, "kubernetes:apps/v1:Deployment", "api").inputs.spec as any).replicas).to.equal(4);
        const hpa = named(built, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "api").inputs.spec as any;
        expect(hpa).to.include({ minReplicas: 4, maxReplicas: 9 });
        const other = await workloads("dev", { min: 2, max: 5 });
        expect((named(other, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "api").inputs.spec as any).maxReplicas).to.equal(5);
        for (const d of deployments) expect(d.provider, d.name).to.equal(built.ofType("pulumi:providers:kubernetes")[0].urn);
    });

    it("gives the pods of a service the client groups of the stores it uses", async () => {
        const built = await workloads();
        const policies = built.ofType("kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy");
        const api = policies.find((p) => (p.inputs.metadata as any).name.startsWith("api"))!;
        expect((api.inputs.spec as any).securityGroups.groupIds).to.include.members([clientGroups.postgres, clientGroups.redis]);
    });

    it("serves through an ALB with the certificate it is given, logging where it is told, protected from deletion in prod only", async () => {
        const annotations = (built: Built) => (built.one("kubernetes:networking.k8s.io/v1:Ingress").inputs.metadata as any).annotations;
        const dev = annotations(await workloads("dev"));
        expect(dev["alb.ingress.kubernetes.io/certificate-arn"]).to.equal(CERTIFICATE);
        expect(dev["alb.ingress.kubernetes.io/load-balancer-attributes"]).to.include("access_logs.s3.bucket=caresync-access-logs-example");
        expect(dev["alb.ingress.kubernetes.io/load-balancer-attributes"]).to.include("deletion_protection.enabled=false");
        const prod = annotations(await workloads("prod"));
        expect(prod["alb.ingress.kubernetes.io/load-balancer-attributes"]).to.include("deletion_protection.enabled=true");
    });
});
