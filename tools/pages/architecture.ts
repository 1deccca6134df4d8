import { Plan, PlannedResource } from "../engine/plan";
import { cluster, Diagram, DiagramCluster, DiagramEdge, DiagramNode, NodeStyle } from "./diagram";
import { dataFlows } from "./flows";
import { containerTypes, Kind, kindOf } from "./kinds";
import { labelOf } from "./labels";
import { networkPaths } from "./network-paths";
import { PlanIndex, shortType, titleOf } from "./plan-index";

const tierOrder = ["public", "app", "data"] as const;
type Tier = (typeof tierOrder)[number];

/** The architecture of a planned stack, from its recorded resources alone. */
export function architectureOf(plan: Plan): Diagram {
    return new DiagramBuilder(new PlanIndex(plan)).build(`${plan.project} ${plan.stack} (${plan.environment})`);
}

class DiagramBuilder {
    private readonly nodeIds = new Map<string, string>();
    /** Node id → the id of the cluster's own node it sits in (node groups, services). */
    private readonly containerOf = new Map<string, string>();
    /** The cluster's own node id → the id of the box drawn around it. */
    private readonly containerBox = new Map<string, string>();
    private readonly diagram: Diagram;
    private readonly drawn: PlannedResource[];

    constructor(private readonly index: PlanIndex) {
        this.drawn = index.resources.filter((r) => !["supporting", "service"].includes(kindOf(r.type)));
        this.diagram = { title: "", clusters: [], nodes: [], edges: [], chains: [] };
    }

    build(title: string): Diagram {
        this.diagram.title = title;
        const regions = [...new Set([this.index.primaryRegion, ...this.index.resources.map((r) => this.index.regionOf(r))])];
        for (const region of regions) {
            const primary = region === this.index.primaryRegion;
            const c = cluster(
                `region_${region}`,
                primary ? `${region} (primary region)` : `${region} (DR region)`,
                primary ? "region" : "dr-region",
            );
            this.fillRegion(c, region);
            if (c.nodes.length + c.clusters.length > 0) this.diagram.clusters.push(c);
        }
        this.addNetworkPaths();
        this.addFlows();
        return this.diagram;
    }

    private fillRegion(region: DiagramCluster, name: string) {
        const inRegion = (kind: Kind) => this.drawn.filter((r) => kindOf(r.type) === kind && this.index.regionOf(r) === name);
        const vpcs = inRegion("vpc");
        const vpcClusters = vpcs.map((vpc) => this.fillVpc(vpc, inRegion));
        region.clusters.push(...vpcClusters);
        // Compute and data stores live in the region's network; with several VPCs, in the first.
        const home = vpcClusters[0] ?? region;
        this.addCompute(home, inRegion("compute"), inRegion("workload"));
        this.addGroup(home, "data stores", inRegion("datastore"), "data");
        for (const r of inRegion("entry")) home.nodes.push(this.node(r, "entry", "public"));
        this.addGroup(region, "storage and backup", [...inRegion("bucket"), ...inRegion("vault"), ...inRegion("backup-plan")]);
        const summary = this.servicesSummary(name);
        if (summary) region.nodes.push(summary);
    }

    private fillVpc(vpc: PlannedResource, inRegion: (kind: Kind) => PlannedResource[]): DiagramCluster {
        const label = labelOf(vpc, this.index);
        const c = cluster(`vpc_${vpc.name}`, [`${label.title} ${label.details[0]}`, ...label.details.slice(1)].join("\n"), "vpc");
        this.nodeIds.set(vpc.urn, `vpc_${vpc.name}`);
        const own = (r: PlannedResource) => {
            const ref = this.index.resolve(r, r.inputs.vpcId);
            return ref ? ref === vpc : inRegion("vpc")[0] === vpc;
        };
        const subnets = inRegion("subnet").filter(own);
        // dot places sibling clusters right to left in the order given: reversed, zones read a, b, c.
        const zones = [...new Set(subnets.map((s) => String(s.inputs.availabilityZone ?? "zone")))].sort().reverse();
        const zoneClusters = new Map<string, DiagramCluster>();
        for (const zone of zones) {
            const z = cluster(`az_${vpc.name}_${zone}`, zone, "az");
            const inZone = subnets
                .filter((s) => String(s.inputs.availabilityZone ?? "zone") === zone)
                .sort((a, b) => tierRank(tierOf(a)) - tierRank(tierOf(b)));
            for (const s of inZone) {
                const tier = tierOf(s);
                z.nodes.push(
                    this.node(s, subnetStyle(tier), tier === "other" ? undefined : tier, `${tier === "other" ? "subnet" : tier} subnet`),
                );
            }
            this.diagram.chains.push(inZone.map((s) => this.nodeIds.get(s.urn)!));
            zoneClusters.set(zone, z);
            c.clusters.push(z);
        }
        for (const gw of inRegion("gateway").filter(own)) {
            const subnet = this.index.resolve(gw, gw.inputs.subnetId);
            const zone = subnet && zoneClusters.get(String(subnet.inputs.availabilityZone));
            if (zone) zone.nodes.push(this.node(gw, "gateway", "public"));
            else {
                c.nodes.push(this.node(gw, "gateway"));
                if (/internetGateway/.test(gw.type)) this.internetTo(this.nodeIds.get(gw.urn)!);
            }
        }
        const endpoints = inRegion("endpoint").filter(own);
        if (endpoints.length > 0) {
            const services = endpoints.map(
                (e) =>
                    `${String(e.inputs.serviceName ?? e.name)
                        .split(".")
                        .slice(3)
                        .join(".")} (${String(e.inputs.vpcEndpointType ?? "Gateway").toLowerCase()})`,
            );
            const id = `endpoints_${vpc.name}`;
            c.nodes.push({ id, title: `VPC endpoints (${endpoints.length})`, details: services, style: "endpoint" });
            for (const e of endpoints) this.nodeIds.set(e.urn, id);
        }
        return c;
    }

    /** EKS and ECS clusters as boxes holding their node groups, services and workloads. */
    private addCompute(home: DiagramCluster, compute: PlannedResource[], workloads: PlannedResource[]) {
        const containers = compute.filter((r) => containerTypes.test(r.type));
        const boxes = new Map<PlannedResource, DiagramCluster>();
        for (const container of containers) {
            const label = labelOf(container, this.index);
            const box = cluster(`container_${container.name}`, `${label.title} ${label.details[0]}`, "container");
            box.nodes.push({ ...this.node(container, "compute", "app"), title: "control plane", details: label.details });
            boxes.set(container, box);
            this.containerBox.set(this.nodeIds.get(container.urn)!, box.id);
            home.clusters.push(box);
        }
        for (const r of compute.filter((c) => !containerTypes.test(c.type))) {
            const parent = containers.find((c) => this.index.references(r).includes(c) || r.dependencies.includes(c.urn));
            const node = this.node(r, "compute", "app");
            (parent ? boxes.get(parent)! : home).nodes.push(node);
            if (parent) this.containerOf.set(node.id, this.nodeIds.get(parent.urn)!);
        }
        if (workloads.length === 0) return;
        const eks = containers.filter((c) => /eks/.test(c.type));
        const holder = eks.length === 1 ? boxes.get(eks[0])! : home;
        const namespaces = new Map<string, DiagramCluster>();
        for (const w of workloads) {
            const ns = String((w.inputs.metadata as any)?.namespace ?? "default");
            if (!namespaces.has(ns)) {
                const box = cluster(`ns_${holder.id}_${ns}`, `namespace ${ns}`, "group");
                namespaces.set(ns, box);
                holder.clusters.push(box);
            }
            namespaces.get(ns)!.nodes.push(this.node(w, "workload"));
        }
    }

    private addGroup(parent: DiagramCluster, label: string, resources: PlannedResource[], row?: DiagramNode["row"]) {
        if (resources.length === 0) return;
        const group = cluster(`group_${parent.id}_${label.replace(/\W+/g, "_")}`, label, "group");
        for (const r of resources) group.nodes.push(this.node(r, kindOf(r.type) as NodeStyle, row));
        parent.clusters.push(group);
    }

    /** Keys, secrets, trails, log groups, alarms, rules: counted per type in one box per region. */
    private servicesSummary(region: string): DiagramNode | undefined {
        const counts = new Map<string, number>();
        for (const r of this.index.resources) {
            if (kindOf(r.type) !== "service" || this.index.regionOf(r) !== region) continue;
            counts.set(shortType(r.type), (counts.get(shortType(r.type)) ?? 0) + 1);
        }
        if (counts.size === 0) return undefined;
        const details = [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([t, n]) => `${t} × ${n}`);
        return { id: `services_${region}`, title: "security, audit and monitoring", details, style: "summary" };
    }

    /** An arrow per allowed path between the resources that wear the two groups. */
    private addNetworkPaths() {
        for (const path of networkPaths(this.index)) {
            for (const from of this.collapse(this.wearers(path.source))) {
                for (const to of this.collapse(this.wearers(path.target))) {
                    if (from.id !== to.id)
                        this.edge({ from: from.id, to: to.id, fromBox: from.box, toBox: to.box, label: path.ports, style: "network" });
                }
            }
        }
    }

    /** Every node group or service of one cluster at an arrow's end: one arrow to the cluster's box instead. */
    private collapse(ids: string[]): Array<{ id: string; box?: string }> {
        const whole = [...this.containerBox.keys()].filter((container) => {
            const members = [...this.containerOf].filter(([, c]) => c === container).map(([member]) => member);
            return members.length > 1 && members.every((m) => ids.includes(m));
        });
        return [
            ...whole.map((container) => ({ id: container, box: this.containerBox.get(container) })),
            ...ids.filter((id) => !whole.includes(this.containerOf.get(id) ?? "")).map((id) => ({ id })),
        ];
    }

    /** The drawn resources a security group is attached to (directly, or through a launch template or the like). */
    private wearers(sg: PlannedResource): string[] {
        const through = (ref: PlannedResource) => kindOf(ref.type) === "supporting" && !/securityGroup/i.test(ref.type);
        const wearing = this.drawn.filter((r) =>
            this.index.references(r).some((ref) => ref === sg || (through(ref) && this.index.references(ref).includes(sg))),
        );
        const ids = [...new Set(wearing.map((r) => this.nodeIds.get(r.urn)).filter((id): id is string => id !== undefined))];
        // A cluster whose node groups wear the group too is represented by them.
        const narrowed = ids.filter((id) => !ids.some((other) => this.containerOf.get(other) === id));
        if (narrowed.length > 0) return narrowed;
        const id = `sg_${sg.name}`;
        if (!this.nodeIds.has(sg.urn)) {
            const vpc = this.index.resolve(sg, sg.inputs.vpcId);
            const home = this.findCluster(vpc ? `vpc_${vpc.name}` : "") ?? this.diagram.clusters[0];
            const node: DiagramNode = {
                id,
                title: `security group ${titleOf(sg)}`,
                details: [String(sg.inputs.description ?? "")],
                style: "security-group",
            };
            (home ? home.nodes : this.diagram.nodes).push(node);
            this.nodeIds.set(sg.urn, id);
        }
        return [id];
    }

    private addFlows() {
        for (const flow of dataFlows(this.index)) {
            const from = this.nodeIds.get(flow.source.urn);
            const to = this.nodeIds.get(flow.target.urn);
            if (from && to && from !== to) this.edge({ from, to, label: flow.label, style: flow.kind });
        }
    }

    private internetTo(id: string) {
        if (!this.diagram.nodes.some((n) => n.id === "internet")) {
            this.diagram.nodes.push({ id: "internet", title: "Internet", details: [], style: "internet" });
        }
        this.edge({ from: "internet", to: id, label: "", style: "internet" });
    }

    private edge(e: DiagramEdge) {
        if (!this.diagram.edges.some((x) => x.from === e.from && x.to === e.to && x.label === e.label)) this.diagram.edges.push(e);
    }

    private node(r: PlannedResource, style: NodeStyle, row?: DiagramNode["row"], title?: string): DiagramNode {
        const id = `n${this.nodeIds.size}_${r.name.replace(/\W+/g, "_")}`;
        this.nodeIds.set(r.urn, id);
        const label = labelOf(r, this.index);
        return { id, title: title ?? label.title, details: label.details, style, row };
    }

    private findCluster(id: string): DiagramCluster | undefined {
        const search = (cs: DiagramCluster[]): DiagramCluster | undefined => {
            for (const c of cs) {
                if (c.id === id) return c;
                const inner = search(c.clusters);
                if (inner) return inner;
            }
            return undefined;
        };
        return search(this.diagram.clusters);
    }
}

function tierOf(subnet: PlannedResource): Tier | "other" {
    const tag = String((subnet.inputs.tags as any)?.Tier ?? subnet.name).toLowerCase();
    if (/public/.test(tag)) return "public";
    if (/data|isolated|db/.test(tag)) return "data";
    if (/app|private/.test(tag)) return "app";
    return subnet.inputs.mapPublicIpOnLaunch === true ? "public" : "other";
}

function tierRank(tier: Tier | "other"): number {
    return tier === "other" ? tierOrder.length : tierOrder.indexOf(tier);
}

function subnetStyle(tier: Tier | "other"): NodeStyle {
    return tier === "other" ? "subnet" : `subnet-${tier}`;
}
