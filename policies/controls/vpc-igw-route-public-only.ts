import { stackControl } from "../lib/control";
import { ofType, referencedBy, referencing } from "../lib/stack";

const SUBNET = "aws:ec2/subnet:Subnet";

const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const ANYWHERE = ["0.0.0.0/0", "::/0"];

/** A default route through a gateway (an internet or virtual private gateway; NAT and endpoints are fine). */
function defaultRouteToGateway(route: any): boolean {
    const destination = route.cidrBlock ?? route.destinationCidrBlock ?? route.ipv6CidrBlock ?? route.destinationIpv6CidrBlock;
    return ANYWHERE.includes(destination) && Boolean(route.gatewayId);
}

export const vpcIgwRoutePublicOnly = stackControl({
    name: "careplane-vpc-igw-route-public-only",
    description:
        "A default route to the internet gateway exists only in route tables of public-tier subnets (where nothing gets a public IP and only load balancers and NAT live); app and data tiers never route to it.",
    hipaa: ["164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-VPCNoUnrestrictedRouteToIGW"],
    types: [ROUTE_TABLE, ROUTE],
    check: (resources, report) => {
        for (const table of ofType(resources, ROUTE_TABLE)) {
            const inline = (table.props.routes ?? []).some(defaultRouteToGateway);
            const separate = ofType(resources, ROUTE).filter(
                (r) => referencedBy(r, "routeTableId").some((t) => t.urn === table.urn) && defaultRouteToGateway(r.props),
            );
            if (!inline && separate.length === 0) continue;
            const subnets = referencing(resources, table, "routeTableId", ASSOCIATION).flatMap((a) =>
                ofType(referencedBy(a, "subnetId"), SUBNET),
            );
            const notPublic = subnets.filter((s) => s.props.tags?.Tier !== "public");
            for (const s of notPublic) {
                report(separate[0] ?? table, {
                    problem: `it routes 0.0.0.0/0 to the internet gateway for subnet ${s.name} (tier ${JSON.stringify(s.props.tags?.Tier)})`,
                    expected: "internet-gateway routes only in tables associated with Tier=public subnets; app subnets egress through NAT",
                });
            }
        }
    },
});
