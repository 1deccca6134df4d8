import { expect } from "chai";
import { ofType } from "../support/engine";
import { databaseInstances, examplePlan, hpaRanges, mandatoryViolations, theOne } from "./support";

// OmniCare EMR [seed 002]: its production architecture and services.
const guide = {
    azs: 3,
    postgresMajor: "15",
    readReplicas: 2,
    redisShards: 3,
    minReplicas: 3,
    services: ["backend", "frontend"],
};

describe("examples/omnicare [seed 002]", () => {
    const plan = () => examplePlan("omnicare", "prod");

    it("previews with zero mandatory violations", async () => {
        expect(await mandatoryViolations(await plan())).to.deep.equal([]);
    });

    it("runs EKS with nodes in the app subnets of every AZ", async () => {
        const p = await plan();
        theOne(p, "aws:eks/cluster:Cluster");
        const nodes = theOne(p, "aws:eks/nodeGroup:NodeGroup");
        expect(nodes.inputs.subnetIds as string[]).to.have.length(guide.azs);
    });

    it("runs PostgreSQL 15 Multi-AZ with 2 read replicas", async () => {
        const p = await plan();
        const [primary] = databaseInstances(p, "primary");
        expect(primary.inputs.multiAz).to.equal(true);
        expect(String(primary.inputs.engineVersion).split(".")[0]).to.equal(guide.postgresMajor);
        expect(databaseInstances(p, "replica")).to.have.length(guide.readReplicas);
    });

    it("runs Redis in cluster mode with 3 shards", async () => {
        const group = theOne(await plan(), "aws:elasticache/replicationGroup:ReplicationGroup");
        expect(group.inputs.clusterMode).to.equal("enabled");
        expect(group.inputs.numNodeGroups).to.equal(guide.redisShards);
    });

    it("puts the ALB behind WAF", async () => {
        const p = await plan();
        const acl = theOne(p, "aws:wafv2/webAcl:WebAcl");
        const ingress = theOne(p, "kubernetes:networking.k8s.io/v1:Ingress");
        const annotations = (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations;
        expect(annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"]).to.be.a("string").and.include(acl.name);
    });

    it("runs backend and frontend with at least 3 replicas and an HPA each", async () => {
        const p = await plan();
        const ranges = hpaRanges(p);
        expect(Object.keys(ranges).sort()).to.deep.equal(guide.services);
        for (const d of ofType(p, "kubernetes:apps/v1:Deployment")) {
            expect((d.inputs.spec as { replicas: number }).replicas).to.be.at.least(guide.minReplicas);
        }
        for (const name of guide.services) expect(ranges[name].min).to.be.at.least(guide.minReplicas);
    });
});
