import { expect } from "chai";
import { Plan } from "../../tools/engine/plan";
import { architectureOf } from "../../tools/pages/architecture";
import { allNodes, Diagram, DiagramCluster, DiagramEdge } from "../../tools/pages/diagram";
import { renderSvg, toDot } from "../../tools/pages/dot";
import { fixturePlan } from "../support/engine";
import { kitchenSinkPlan } from "./fixture";
import { requireTools } from "./browser";

/** The node drawn for a resource, found by the name it shows. */
function nodeNamed(d: Diagram, name: string) {
    const node = allNodes(d).find((n) => n.details[0] === name);
    if (!node) throw new Error(`no node shows ${name}`);
    return node;
}

function clusters(d: { clusters: DiagramCluster[] }): DiagramCluster[] {
    return d.clusters.flatMap((c) => [c, ...clusters(c)]);
}

function edgesBetween(d: Diagram, style: DiagramEdge["style"]): string[] {
    const names = new Map(allNodes(d).map((n) => [n.id, n.details[0]]));
    return d.edges.filter((e) => e.style === style).map((e) => `${names.get(e.from)} -> ${names.get(e.to)}: ${e.label}`);
}

describe("architecture picture, drawn from a plan by resource type", () => {
    const plan = kitchenSinkPlan();
    const diagram = architectureOf(plan);
    const inputsOf = (name: string, type: string) => plan.resources.find((r) => r.name === name && r.type === type)!.inputs;

    it("draws each availability zone of the VPC with its subnets, public above app above data", () => {
        const subnets = plan.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet");
        const zones = [...new Set(subnets.map((s) => String(s.inputs.availabilityZone)))];
        const zoneBoxes = clusters(diagram).filter((c) => c.style === "az");
        expect(zoneBoxes.map((z) => z.label).sort()).to.deep.equal(zones.sort());
        for (const zone of zoneBoxes) {
            const tiers = zone.nodes.filter((n) => n.style.startsWith("subnet")).map((n) => n.title);
            expect(tiers).to.deep.equal(["public subnet", "app subnet", "data subnet"]);
        }
        const vpc = clusters(diagram).find((c) => c.style === "vpc")!;
        expect(vpc.label).to.contain(String(inputsOf("vpc", "aws:ec2/vpc:Vpc").cidrBlock));
        expect(vpc.label).to.contain("flow logs: ALL");
    });

    it("puts what a second provider creates in another region into a DR region box", () => {
        const dr = clusters(diagram).find((c) => c.style === "dr-region")!;
        const region = plan.resources.find((r) => r.type === "pulumi:providers:aws")!.inputs.region as string;
        expect(dr.label).to.equal(`${region} (DR region)`);
        const inDr = allNodes(dr).map((n) => n.details[0]);
        expect(inDr.sort()).to.deep.equal(["care-backups-dr", "care-vault-dr"]);
        const primary = clusters(diagram).find((c) => c.style === "region")!;
        expect(primary.label).to.equal("us-east-1 (primary region)");
        expect(allNodes(primary).map((n) => n.details[0])).to.include.members(["care-backups", "care-vault", "care-db"]);
    });

    it("holds node groups and workloads inside their EKS cluster box, and data stores with their replicas", () => {
        const eks = clusters(diagram).find((c) => c.style === "container")!;
        expect(eks.label).to.equal("EKS cluster care-eks");
        const held = allNodes(eks).map((n) => n.details[0]);
        expect(held).to.include.members(["care-eks", "general", "web", "api"]);
        expect(nodeNamed(diagram, "care-db").details).to.include.members(["postgres 16.4", "db.r6g.xlarge", "Multi-AZ"]);
        expect(nodeNamed(diagram, "care-db-replica-0").details).to.include("read replica");
        expect(nodeNamed(diagram, "care-cache").details).to.include("3 shards × 2 nodes");
    });

    it("draws an arrow for each security-group reference, from what wears the source group to what wears the target", () => {
        // The node group wears the app group through its launch template; the database and its
        // replica wear the db group, which admits 5432 from app; the cache admits 6379 from app
        // through a separate ingress rule resource.
        expect(edgesBetween(diagram, "network").sort()).to.deep.equal([
            "general -> care-cache: tcp 6379",
            "general -> care-db-replica-0: tcp 5432",
            "general -> care-db: tcp 5432",
        ]);
        expect(nodeNamed(diagram, "general").title).to.equal("EKS node group");
    });

    it("draws one arrow from a cluster's box when all its node groups or services wear the source group", () => {
        const general = plan.resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup")!;
        const second = { ...general, name: "memory", urn: general.urn.replace(/general$/, "memory") };
        const twoGroups = architectureOf({ ...plan, resources: [...plan.resources, second] });
        const network = twoGroups.edges.filter((e) => e.style === "network");
        expect(network.map((e) => e.fromBox)).to.deep.equal(network.map(() => "container_eks"));
        expect(edgesBetween(twoGroups, "network").sort()).to.deep.equal([
            "care-eks -> care-cache: tcp 6379",
            "care-eks -> care-db-replica-0: tcp 5432",
            "care-eks -> care-db: tcp 5432",
        ]);
    });

    it("draws backup flows into vaults, copies to the DR vault, and replication", () => {
        expect(edgesBetween(diagram, "backup").sort()).to.deep.equal([
            "care-db -> care-vault: ",
            "care-plan -> care-vault: backup hourly, daily",
            "care-vault -> care-vault-dr: copy daily",
        ]);
        expect(edgesBetween(diagram, "replication").sort()).to.deep.equal([
            "care-backups -> care-backups-dr: replication",
            "care-db -> care-db-replica-0: replication",
        ]);
    });

    it("reads backup selections by conditions (all must hold) and vaults named by real ARNs", () => {
        const edited = structuredClone(plan);
        const find = (name: string, type: RegExp) => edited.resources.find((r) => r.name === name && type.test(r.type))!;
        find("phi", /selection/).inputs = {
            planId: "plan-id",
            resources: ["*"],
            conditions: [
                {
                    stringEquals: [{ key: "aws:ResourceTag/Environment", value: "prod" }],
                    stringNotEquals: [{ key: "aws:ResourceTag/DatabaseRole", value: "replica" }],
                },
            ],
        };
        (find("db-replica-0", /rds/).inputs.tags as Record<string, string>).DatabaseRole = "replica";
        const rules = find("plan", /backup\/plan/).inputs.rules as any[];
        rules[1].copyActions[0].destinationVaultArn = "arn:aws:backup:us-west-2:123456789012:backup-vault:care-vault-dr";
        // Tagged Environment=prod among data stores and buckets: the primary and both buckets; the
        // replica is excluded by its DatabaseRole, the cache carries no tags.
        expect(edgesBetween(architectureOf(edited), "backup").sort()).to.deep.equal([
            "care-backups -> care-vault: ",
            "care-backups-dr -> care-vault: ",
            "care-db -> care-vault: ",
            "care-plan -> care-vault: backup hourly, daily",
            "care-vault -> care-vault-dr: copy daily",
        ]);
    });

    it("counts types it has no drawing for in the region's summary box, so new components still show", () => {
        const withTopic: Plan = fixturePlan([...plan.resources, { type: "aws:sns/topic:Topic", name: "alarms", inputs: {} }]);
        const summary = allNodes(architectureOf(withTopic)).find((n) => n.style === "summary")!;
        expect(summary.details).to.include("Topic × 1");
        expect(summary.details).to.include("PrometheusRule × 1");
    });

    it("is laid out by Graphviz dot into an SVG that names every drawn resource", () => {
        requireTools();
        const svg = renderSvg(toDot(diagram));
        expect(svg).to.match(/<svg[^>]+viewBox=/);
        const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
            m[1].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))),
        );
        for (const node of allNodes(diagram)) expect(texts).to.include(node.details[0] ?? node.title);
    });
});
