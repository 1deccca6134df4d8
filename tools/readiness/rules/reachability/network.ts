// The plan's network as AWS evaluates a TCP connection through it: route tables, network ACLs
// (stateless, first matching rule wins, both directions) and security groups (stateful).
import { PlannedResource } from "../../../engine/plan";
import { list, ReadinessContext, str } from "../../context";
import { T } from "../aws";
import { covers } from "./cidr";

/** Where traffic leaves from or arrives at: a subnet, and the security groups of the interface in it. */
export interface Endpoint {
    subnet: PlannedResource;
    securityGroups: PlannedResource[];
    /** Security group ids AWS creates itself (the EKS cluster security group), with the rules the plan adds to them. */
    implicitGroups?: string[];
    /** How a finding names the implicit groups (their ids mean nothing to a reader). */
    implicitName?: string;
}

/** The Linux ephemeral port range a client (the runner) answers on. */
const EPHEMERAL = { from: 32768, to: 60999 };

const protocolMatches = (protocol: unknown) => ["-1", "all", "tcp", "6", -1, 6].includes(protocol as never);

interface AclEntry {
    ruleNo: number;
    action: string;
    protocol: unknown;
    cidrBlock?: string;
    fromPort?: number;
    toPort?: number;
}

export class Network {
    constructor(private readonly ctx: ReadinessContext) {}

    subnetCidr(subnet: PlannedResource): string {
        return str(subnet.inputs.cidrBlock) ?? "";
    }

    vpcOf(subnet: PlannedResource): PlannedResource | undefined {
        return this.ctx.referenced(subnet, "vpcId", T.vpc);
    }

    subnet(from: PlannedResource, value: unknown): PlannedResource | undefined {
        return this.ctx.resolve(from, value, T.subnet);
    }

    /** The routes of the route table a subnet is associated with (none: the VPC's main table, local routes only). */
    routesOf(subnet: PlannedResource): Array<Record<string, unknown>> {
        const association = this.ctx.ofType(T.routeTableAssociation).find((a) => this.ctx.referenced(a, "subnetId", T.subnet) === subnet);
        const table = association ? this.ctx.referenced(association, "routeTableId", T.routeTable) : undefined;
        if (!table) return [];
        const separate = this.ctx.ofType(T.route).filter((r) => this.ctx.referenced(r, "routeTableId", T.routeTable) === table);
        return [
            ...list<Record<string, unknown>>(table.inputs.routes),
            ...separate.map((r) => ({ ...r.inputs, cidrBlock: r.inputs.destinationCidrBlock })),
        ];
    }

    /** Whether the subnet has a default route to the internet through a NAT gateway (what a private runner needs to reach GitHub). */
    reachesInternet(subnet: PlannedResource): boolean {
        return this.routesOf(subnet).some(
            (r) =>
                r.cidrBlock === "0.0.0.0/0" &&
                (r.natGatewayId !== undefined || r.gatewayId !== undefined || r.transitGatewayId !== undefined),
        );
    }

    private aclEntries(subnet: PlannedResource, direction: "ingress" | "egress"): AclEntry[] | undefined {
        const acl = this.ctx
            .ofType(T.networkAcl)
            .find((a) => list(a.inputs.subnetIds).some((id) => this.ctx.resolve(a, id, T.subnet) === subnet));
        if (!acl) return undefined;
        const separate = this.ctx
            .ofType("aws:ec2/networkAclRule:NetworkAclRule")
            .filter(
                (r) =>
                    this.ctx.referenced(r, "networkAclId", T.networkAcl) === acl && (r.inputs.egress === true) === (direction === "egress"),
            )
            .map((r) => ({ ...(r.inputs as any), action: r.inputs.ruleAction }));
        return [...list<AclEntry>(acl.inputs[direction]), ...separate].sort((a, b) => a.ruleNo - b.ruleNo);
    }

    /** A stateless NACL decision for every port of a range: the first matching rule in rule order wins; no match denies. */
    private aclAllows(
        subnet: PlannedResource,
        direction: "ingress" | "egress",
        peer: string,
        ports: { from: number; to: number },
    ): boolean {
        const entries = this.aclEntries(subnet, direction);
        if (!entries) return true; // the VPC's default network ACL allows everything
        const anyPort = (e: AclEntry) => ["-1", "all", -1].includes(e.protocol as never);
        const decide = (port: number) =>
            entries.find(
                (e) =>
                    protocolMatches(e.protocol) &&
                    (e.cidrBlock === undefined || covers(e.cidrBlock, peer)) &&
                    (anyPort(e) || ((e.fromPort ?? 0) <= port && port <= (e.toPort ?? 65535))),
            )?.action === "allow";
        // The decision only changes where some rule's port range starts or ends.
        const edges = entries.flatMap((e) => (anyPort(e) ? [] : [e.fromPort ?? 0, (e.toPort ?? 65535) + 1]));
        const points = [ports.from, ...edges.filter((p) => p > ports.from && p <= ports.to)];
        return points.every(decide);
    }

    private sgRules(group: string | PlannedResource, direction: "ingress" | "egress"): Array<Record<string, any>> {
        const ctx = this.ctx;
        const matchesGroup = (holder: PlannedResource, property: string) =>
            typeof group === "string" ? holder.inputs[property] === group : ctx.referenced(holder, property, T.securityGroup) === group;
        const inline =
            typeof group === "string" ? [] : list<Record<string, any>>(group.inputs[direction]).map((r) => ({ ...r, holder: group }));
        const classic = ctx
            .ofType(T.sgRule)
            .filter((r) => r.inputs.type === direction && matchesGroup(r, "securityGroupId"))
            .map((r) => ({
                ...r.inputs,
                cidrBlocks: r.inputs.cidrBlocks,
                securityGroups: r.inputs.sourceSecurityGroupId ? [r.inputs.sourceSecurityGroupId] : [],
                holder: r,
            }));
        const vpcRules = ctx
            .ofType(direction === "ingress" ? T.sgIngress : T.sgEgress)
            .filter((r) => matchesGroup(r, "securityGroupId"))
            .map((r) => ({
                protocol: r.inputs.ipProtocol,
                fromPort: r.inputs.fromPort,
                toPort: r.inputs.toPort,
                cidrBlocks: r.inputs.cidrIpv4 ? [r.inputs.cidrIpv4] : [],
                securityGroups: r.inputs.referencedSecurityGroupId ? [r.inputs.referencedSecurityGroupId] : [],
                holder: r,
            }));
        return [...inline, ...classic, ...vpcRules];
    }

    /** Whether a security group rule admits TCP `port` to or from a peer (its subnet CIDR, or one of its groups). */
    private sgAllows(groups: Array<string | PlannedResource>, direction: "ingress" | "egress", peer: Endpoint, port: number): boolean {
        const peerGroups = peer.securityGroups;
        return groups.some((g) =>
            this.sgRules(g, direction).some((rule) => {
                const allPorts = ["-1", "all", -1].includes(rule.protocol);
                if (!allPorts && !(protocolMatches(rule.protocol) && (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535)))
                    return false;
                if (list<string>(rule.cidrBlocks).some((c) => covers(c, this.subnetCidr(peer.subnet)))) return true;
                if (rule.self === true && typeof g !== "string" && peerGroups.includes(g)) return true;
                return list<string>(rule.securityGroups).some(
                    (id) =>
                        peerGroups.some((pg) => this.ctx.resolve(rule.holder, id, T.securityGroup) === pg) ||
                        (peer.implicitGroups ?? []).includes(id),
                );
            }),
        );
    }

    /** Why a TCP connection from `source` to `target:port` is refused, or undefined when AWS lets it through. */
    blocked(source: Endpoint, target: Endpoint, port: number): string | undefined {
        const s = source.subnet;
        const t = target.subnet;
        const sv = this.vpcOf(s);
        const tv = this.vpcOf(t);
        if (sv && tv && sv !== tv) return `${s.name} and ${t.name} are in different VPCs with no route between them`;
        const sc = this.subnetCidr(s);
        const tc = this.subnetCidr(t);
        if (s !== t) {
            if (!this.aclAllows(s, "egress", tc, { from: port, to: port }))
                return `the network ACL of ${s.name} refuses outbound TCP ${port} to ${tc}`;
            if (!this.aclAllows(t, "ingress", sc, { from: port, to: port }))
                return `the network ACL of ${t.name} refuses inbound TCP ${port} from ${sc}`;
            if (!this.aclAllows(t, "egress", sc, EPHEMERAL))
                return `the network ACL of ${t.name} refuses the replies (TCP ${EPHEMERAL.from}-${EPHEMERAL.to} to ${sc})`;
            if (!this.aclAllows(s, "ingress", tc, EPHEMERAL))
                return `the network ACL of ${s.name} refuses the replies (TCP ${EPHEMERAL.from}-${EPHEMERAL.to} from ${tc})`;
        }
        if (!this.sgAllows(source.securityGroups, "egress", target, port))
            return `no security group of the source (${source.securityGroups.map((g) => g.name).join(", ") || "none"}) allows outbound TCP ${port} to ${tc}`;
        if (!this.sgAllows([...target.securityGroups, ...(target.implicitGroups ?? [])], "ingress", source, port))
            return `no security group of the endpoint (${[...target.securityGroups.map((g) => g.name), ...(target.implicitName ? [target.implicitName] : (target.implicitGroups ?? []))].join(", ") || "none"}) admits TCP ${port} from ${source.securityGroups.map((g) => g.name).join(", ") || sc}`;
        return undefined;
    }
}
