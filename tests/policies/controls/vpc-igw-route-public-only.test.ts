import { aws, res, specControl } from "../../support/controls";
import { subnet, vpc } from "../baselines/network";

// Internet-gateway routes: only the public tier's table.
const igw = aws("aws:ec2/internetGateway:InternetGateway", "igw", {}, { vpcId: vpc });
const publicSubnet = aws("aws:ec2/subnet:Subnet", "public-0", { tags: { Tier: "public" } });
const publicTable = aws(
    "aws:ec2/routeTable:RouteTable",
    "public",
    { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-id" }] },
    { routes: igw },
);
const assoc = (table: typeof publicTable, subnetFixture: typeof publicSubnet, name: string) =>
    res("aws:ec2/routeTableAssociation:RouteTableAssociation", name, {}, { routeTableId: table, subnetId: subnetFixture });
const routing = [igw, publicSubnet, subnet, publicTable, assoc(publicTable, publicSubnet, "public-0")];
specControl("careplane-vpc-igw-route-public-only", {
    passes: [{ it: "a default route to the internet gateway from public subnets only", fixtures: routing }],
    fails: [
        {
            it: "an app subnet associated with the internet-gateway table",
            fixtures: [...routing, assoc(publicTable, subnet, "app-0")],
            message: "public (aws:ec2/routeTable:RouteTable): it routes 0.0.0.0/0 to the internet gateway for subnet app-0",
        },
        {
            it: "a separate route resource to the gateway in an app table",
            fixtures: (() => {
                const appTable = aws("aws:ec2/routeTable:RouteTable", "app", {});
                const route = res(
                    "aws:ec2/route:Route",
                    "app-default",
                    { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-id" },
                    { routeTableId: appTable, gatewayId: igw },
                );
                return [...routing, appTable, route, assoc(appTable, subnet, "app-0")];
            })(),
            message: "app-default (aws:ec2/route:Route): it routes 0.0.0.0/0 to the internet gateway for subnet app-0",
        },
    ],
});
