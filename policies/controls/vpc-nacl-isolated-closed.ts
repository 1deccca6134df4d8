import { isOneOf } from "../lib/resource-types";
// Network ACLs evaluate their rules in rule-number order and apply the first that matches
// (Amazon VPC User Guide, "Control subnet traffic with network access control lists").
import { stackControl } from "../lib/control";
import { allowedWholeInternet } from "../lib/cidr";
import { ofType, referencedBy, referencing, StackResource, Typed } from "../lib/stack";

const NACL = "aws:ec2/networkAcl:NetworkAcl";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const DEFAULT_ROUTES = ["0.0.0.0/0", "::/0"] as const;

interface AclRule {
    ruleNo: number;
    allow: boolean;
    protocol: string;
    fromPort: number;
    toPort: number;
    cidr: string;
}

const PROTOCOLS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };
const protocolOf = (p: unknown) => PROTOCOLS[String(p)] ?? String(p);

/** Whether a route table sends anything to the internet (a default route, inline or standalone). */
function routesOut(resources: StackResource[], table: Typed<typeof ROUTE_TABLE>): boolean {
    const inline = (table.props.routes ?? []).some((r) => isOneOf(DEFAULT_ROUTES, r.cidrBlock ?? r.ipv6CidrBlock));
    const standalone = referencing(resources, table, "routeTableId", ROUTE).some((r) =>
        isOneOf(DEFAULT_ROUTES, r.props.destinationCidrBlock ?? r.props.destinationIpv6CidrBlock),
    );
    return inline || standalone;
}

/** Subnets with no way out to the internet: associated only with route tables without a default route. */
function isolatedSubnets(resources: StackResource[]): Set<string> {
    const bySubnet = new Map<string, Typed<typeof ROUTE_TABLE>[]>();
    for (const a of ofType(resources, ASSOCIATION)) {
        const table = ofType(referencedBy(a, "routeTableId"), ROUTE_TABLE)[0];
        for (const subnet of referencedBy(a, "subnetId")) if (table) bySubnet.set(subnet.urn, [...(bySubnet.get(subnet.urn) ?? []), table]);
    }
    return new Set([...bySubnet].filter(([, tables]) => !tables.some((t) => routesOut(resources, t))).map(([urn]) => urn));
}

function ingressRules(resources: StackResource[], acl: Typed<typeof NACL>): AclRule[] {
    const inline = (acl.props.ingress ?? []).map((r) => ({ ...r, cidr: r.cidrBlock ?? r.ipv6CidrBlock }));
    const standalone = referencing(resources, acl, "networkAclId", NACL_RULE)
        .filter((r) => r.props.egress !== true)
        .map((r) => ({ ...r.props, action: r.props.ruleAction, cidr: r.props.cidrBlock ?? r.props.ipv6CidrBlock }));
    return [...inline, ...standalone]
        .map((r: any) => ({
            ruleNo: Number(r.ruleNo ?? r.ruleNumber),
            allow: r.action === "allow",
            protocol: protocolOf(r.protocol),
            fromPort: Number(r.fromPort ?? 0),
            toPort: Number(r.toPort ?? 65535),
            cidr: String(r.cidr),
        }))
        .sort((a, b) => a.ruleNo - b.ruleNo);
}

/** The first protocol and port on which the rules, in order, let every internet address in. */
function openToInternet(rules: AclRule[]): { where: string; families: string[] } | undefined {
    const matches = (r: AclRule, protocol: string, port: number) =>
        r.protocol === "-1" ||
        (r.protocol === protocol && (!["tcp", "udp"].includes(protocol) || (r.fromPort <= port && port <= r.toPort)));
    for (const protocol of ["tcp", "udp", "icmp"]) {
        const boundaries = rules.filter((r) => r.protocol === protocol).flatMap((r) => [r.fromPort, r.toPort + 1]);
        for (const port of [...new Set([0, ...boundaries])].filter((p) => p >= 0 && p <= 65535)) {
            const families = allowedWholeInternet(rules.filter((r) => matches(r, protocol, port)));
            if (families.length > 0) return { where: ["tcp", "udp"].includes(protocol) ? `port ${port}/${protocol}` : protocol, families };
        }
    }
    return undefined;
}

export const vpcNaclIsolatedClosed = stackControl({
    name: "careplane-vpc-nacl-isolated-closed",
    description:
        "A network ACL guarding subnets without a route to the internet (the data tier) lets no part of the internet in: its ingress rules, evaluated in rule-number order, never admit ranges that add up to 0.0.0.0/0 or ::/0 on any port.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [NACL, NACL_RULE],
    check: (resources, report) => {
        const isolated = isolatedSubnets(resources);
        for (const acl of ofType(resources, NACL)) {
            if (!referencedBy(acl, "subnetIds").some((s) => isolated.has(s.urn))) continue;
            const open = openToInternet(ingressRules(resources, acl));
            if (!open) continue;
            report(acl, {
                problem: `it guards subnets with no route to the internet, yet admits the whole internet (${open.families.join(", ")}) on ${open.where}`,
                expected: "ingress from the VPC's own ranges only (the application tier), as the data tier's ACL has",
            });
        }
    },
});
