import { aws, Fixture, res, specControl } from "../../support/controls";

// Network ACLs of subnets without a way out.
const NACL = "aws:ec2/networkAcl:NetworkAcl";
const dataSubnet = aws("aws:ec2/subnet:Subnet", "data-0", { cidrBlock: "10.0.128.0/20" }, {}, "prod", "internal");
const appSubnet = aws("aws:ec2/subnet:Subnet", "app-0", { cidrBlock: "10.0.64.0/20" }, {}, "prod", "internal");
const dataTable = aws("aws:ec2/routeTable:RouteTable", "data", {}, {}, "prod", "internal");
const appTable = aws(
    "aws:ec2/routeTable:RouteTable",
    "app-0",
    { routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0" }] },
    {},
    "prod",
    "internal",
);
const associate = (subnet: Fixture, table: Fixture) =>
    res(
        "aws:ec2/routeTableAssociation:RouteTableAssociation",
        subnet.name,
        { subnetId: "s", routeTableId: "t" },
        { subnetId: subnet, routeTableId: table },
    );
const fromApp = { ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "10.0.64.0/20", fromPort: 0, toPort: 65535 };
const acl = (name: string, subnet: Fixture, ingress: object[]) =>
    aws(NACL, name, { vpcId: "vpc", ingress, egress: [fromApp] }, { subnetIds: subnet }, "prod", "internal");
const tiers = [dataSubnet, appSubnet, dataTable, appTable, associate(dataSubnet, dataTable), associate(appSubnet, appTable)];
const open = { ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 };
specControl("careplane-vpc-nacl-isolated-closed", {
    passes: [
        {
            it: "the data tier's ACL admitting the app tier only, the app tier's open at L4 (it routes out through NAT)",
            fixtures: [...tiers, acl("data", dataSubnet, [fromApp]), acl("app", appSubnet, [open])],
        },
        {
            it: "half the internet denied first, so the open rule after it admits only the other half",
            fixtures: [...tiers, acl("data", dataSubnet, [{ ...open, ruleNo: 90, action: "deny", cidrBlock: "0.0.0.0/1" }, open])],
        },
    ],
    fails: [
        {
            it: "the data tier's ACL open to the internet",
            fixtures: [...tiers, acl("data", dataSubnet, [fromApp, { ...open, ruleNo: 200 }])],
            message:
                "data (aws:ec2/networkAcl:NetworkAcl): it guards subnets with no route to the internet, yet admits the whole internet (0.0.0.0/0) on port 0/tcp",
        },
        {
            it: "PostgreSQL open to two halves of the internet",
            fixtures: [
                ...tiers,
                acl("data", dataSubnet, [
                    fromApp,
                    { ...fromApp, ruleNo: 110, fromPort: 5432, toPort: 5432, cidrBlock: "0.0.0.0/1" },
                    { ...fromApp, ruleNo: 120, fromPort: 5432, toPort: 5432, cidrBlock: "128.0.0.0/1" },
                ]),
            ],
            message: "admits the whole internet (0.0.0.0/0) on port 5432/tcp",
        },
        {
            it: "a standalone rule opening the data tier to ::/0, ahead of a deny that comes too late",
            fixtures: (() => {
                const data = acl("data", dataSubnet, [fromApp, { ...open, ruleNo: 300, action: "deny", cidrBlock: "::/0" }]);
                return [
                    ...tiers,
                    data,
                    res(
                        "aws:ec2/networkAclRule:NetworkAclRule",
                        "data-v6",
                        { networkAclId: "acl", ruleNumber: 150, egress: false, protocol: "-1", ruleAction: "allow", ipv6CidrBlock: "::/0" },
                        { networkAclId: data },
                    ),
                ];
            })(),
            message: "admits the whole internet (::/0)",
        },
    ],
});
