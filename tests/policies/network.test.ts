import { expect } from "chai";
import { wholeInternet } from "../../policies/lib/cidr";
import { amend, aws, Fixture, patch, res, specControl, without } from "../support/controls";

const VPC = "aws:ec2/vpc:Vpc";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";

const vpc = aws(VPC, "vpc", { cidrBlock: "10.0.0.0/16" });

specControl("careplane-vpc-flow-logs", {
    passes: [
        {
            it: "a VPC with a flow log of all traffic",
            fixtures: [vpc, aws("aws:ec2/flowLog:FlowLog", "flow", { trafficType: "ALL" }, { vpcId: vpc })],
        },
    ],
    fails: [
        { it: "a VPC without flow logs", fixtures: [vpc], message: "vpc (aws:ec2/vpc:Vpc): no flow log records all of this VPC's traffic" },
        {
            it: "a VPC whose flow log records only rejected traffic",
            fixtures: [vpc, aws("aws:ec2/flowLog:FlowLog", "flow", { trafficType: "REJECT" }, { vpcId: vpc })],
            message: "expected an aws.ec2.FlowLog on the VPC with trafficType ALL",
        },
    ],
});

const defaultSg = aws("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {}, { vpcId: vpc });
specControl("careplane-vpc-default-security-group-closed", {
    passes: [{ it: "an adopted default group without rules", fixtures: [vpc, defaultSg] }],
    fails: [
        {
            it: "a VPC whose default group is not adopted",
            fixtures: [vpc],
            message: "its default security group keeps AWS's default rules",
        },
        {
            it: "an adopted default group with an ingress rule",
            fixtures: [vpc, ...patch([defaultSg], "default", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] })],
            message: "default (aws:ec2/defaultSecurityGroup:DefaultSecurityGroup): the default security group has rules",
        },
    ],
});

const subnet = aws("aws:ec2/subnet:Subnet", "app-0", { mapPublicIpOnLaunch: false, tags: { Tier: "app" } });
specControl("careplane-subnet-no-public-ip", {
    passes: [{ it: "a subnet that assigns no public addresses", fixtures: [subnet] }],
    fails: [
        {
            it: "a subnet mapping public IPv4 addresses",
            fixtures: patch([subnet], "app-0", { mapPublicIpOnLaunch: true }),
            message: "it assigns public IPv4 addresses on launch",
        },
        {
            it: "a subnet assigning IPv6 addresses",
            fixtures: patch([subnet], "app-0", { assignIpv6AddressOnCreation: true }),
            message: "it assigns IPv6 addresses on creation",
        },
    ],
});

// Security groups: 443 (and 80 when it only redirects) is open to the world on the public load balancer alone.
const albSg = aws(SG, "alb", {
    ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
    ],
});
const alb = aws(LB, "public", { internal: false, loadBalancerType: "application" }, { securityGroups: albSg });
const redirect = aws(
    LISTENER,
    "http",
    {
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    },
    { loadBalancerArn: alb },
);
const appSg = aws(SG, "app", { ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16"] }] });
const publicEdge = [albSg, alb, redirect, appSg];

specControl("careplane-ec2-security-group-no-public-ingress", {
    passes: [
        { it: "443 and a redirecting 80 open on the internet-facing load balancer, VPC-only elsewhere", fixtures: publicEdge },
        {
            it: "halves of the internet on different ports (neither port open to all of it)",
            fixtures: patch(publicEdge, "app", {
                ingress: [
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1"] },
                    { protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["128.0.0.0/1"] },
                ],
            }),
        },
        {
            it: "443 on the internet-facing load balancer from two halves of the internet",
            fixtures: patch(publicEdge, "alb", {
                ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }],
            }),
        },
        {
            it: "a standalone ingress rule from a private range",
            fixtures: [
                appSg,
                res(
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    "db-in",
                    { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/16" },
                    { securityGroupId: appSg },
                ),
            ],
        },
    ],
    fails: [
        {
            it: "SSH open to the world",
            fixtures: patch(publicEdge, "app", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }),
            message: "app (aws:ec2/securityGroup:SecurityGroup): ingress on port 22/tcp is open to 0.0.0.0/0",
        },
        {
            it: "all protocols open to ::/0",
            fixtures: patch(publicEdge, "app", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] }),
            message: "ingress on all ports/all protocols is open to ::/0",
        },
        {
            it: "443 open to the world on a group no public load balancer uses",
            fixtures: patch(publicEdge, "app", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }),
            message: "expected ingress from security groups or private ranges only",
        },
        {
            it: "80 open on the load balancer when the HTTP listener serves instead of redirecting",
            fixtures: patch(publicEdge, "http", { defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] }),
            message:
                "alb (aws:ec2/securityGroup:SecurityGroup): ingress on port 80/tcp is open to 0.0.0.0/0; expected only 443/tcp from anywhere",
        },
        {
            it: "443 open on a load balancer group once the load balancer is internal",
            fixtures: patch(without(patch(publicEdge, "public", { internal: true }), "http"), "alb", {
                ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
            }),
            message: "alb (aws:ec2/securityGroup:SecurityGroup): ingress on port 443/tcp is open to 0.0.0.0/0",
        },
        {
            it: "a standalone ingress rule open to the world",
            fixtures: [
                appSg,
                res(
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    "db-in",
                    { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" },
                    { securityGroupId: appSg },
                ),
            ],
            message: "db-in (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule): ingress on port 5432/tcp is open to 0.0.0.0/0",
        },
        {
            it: "a security group rule of type ingress open to the world",
            fixtures: [
                appSg,
                res(
                    "aws:ec2/securityGroupRule:SecurityGroupRule",
                    "rdp",
                    { type: "ingress", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] },
                    { securityGroupId: appSg },
                ),
            ],
            message: "rdp (aws:ec2/securityGroupRule:SecurityGroupRule): ingress on port 3389/tcp is open to 0.0.0.0/0",
        },
        {
            it: "SSH open to two halves that add up to the whole internet",
            fixtures: patch(publicEdge, "app", {
                ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }],
            }),
            message:
                "app (aws:ec2/securityGroup:SecurityGroup): ingress on port 22/tcp is open to the whole internet (0.0.0.0/0) through 0.0.0.0/1, 128.0.0.0/1",
        },
        {
            it: "overlapping port ranges whose sources add up to the whole internet",
            fixtures: patch(publicEdge, "app", {
                ingress: [
                    { protocol: "tcp", fromPort: 0, toPort: 1000, cidrBlocks: ["0.0.0.0/1"] },
                    { protocol: "tcp", fromPort: 500, toPort: 600, cidrBlocks: ["128.0.0.0/2", "192.0.0.0/2"] },
                ],
            }),
            message: "ingress on port 500/tcp is open to the whole internet (0.0.0.0/0) through 0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/2",
        },
        {
            it: "all protocols open to the two IPv6 halves",
            fixtures: patch(publicEdge, "app", {
                ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/1", "8000::/1"] }],
            }),
            message: "is open to the whole internet (::/0) through ::/1, 8000::/1",
        },
        {
            it: "an inline half and a standalone rule's other half",
            fixtures: [
                ...patch([appSg], "app", { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/1"] }] }),
                res(
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    "db-in",
                    { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "128.0.0.0/1" },
                    { securityGroupId: appSg },
                ),
            ],
            message: "ingress on port 5432/tcp is open to the whole internet (0.0.0.0/0) through 0.0.0.0/1, 128.0.0.0/1",
        },
    ],
});

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

// IMDSv2.
const template = aws("aws:ec2/launchTemplate:LaunchTemplate", "nodes", {
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
});
const nodeGroup = aws(
    "aws:eks/nodeGroup:NodeGroup",
    "general",
    { launchTemplate: { id: "lt-id", version: "1" } },
    { launchTemplate: template },
);
specControl("careplane-ec2-imdsv2", {
    passes: [{ it: "a node group launched from a template that requires tokens", fixtures: [template, nodeGroup] }],
    fails: [
        {
            it: "a launch template with optional tokens",
            fixtures: patch([template, nodeGroup], "nodes", { metadataOptions: { httpTokens: "optional" } }),
            message: 'nodes (aws:ec2/launchTemplate:LaunchTemplate): instance metadata tokens are "optional"',
        },
        {
            it: "a launch template that does not set tokens",
            fixtures: patch([template, nodeGroup], "nodes", { metadataOptions: undefined }),
            message: 'expected metadataOptions.httpTokens: "required"',
        },
        {
            it: "a node group without a launch template",
            fixtures: [
                amend(patch([nodeGroup], "general", { launchTemplate: undefined }), "general", {
                    propertyDependencies: {},
                    dependencies: [],
                })[0],
            ],
            message: "general (aws:eks/nodeGroup:NodeGroup): it has no launch template, so its nodes accept IMDSv1",
        },
        {
            it: "an instance without IMDSv2",
            fixtures: [aws("aws:ec2/instance:Instance", "bastion", { instanceType: "t3.micro" })],
            message: "bastion (aws:ec2/instance:Instance): instance metadata tokens are",
        },
    ],
});

specControl("careplane-required-tags", {
    passes: [{ it: "a VPC with Environment, DataClassification and Owner", fixtures: [vpc] }],
    fails: [
        {
            it: "a missing Environment",
            fixtures: [aws(VPC, "vpc", { tags: { DataClassification: "internal", Owner: "platform-team" } })],
            message: "tag Environment is undefined",
        },
        {
            it: "an unknown DataClassification",
            fixtures: [aws(VPC, "vpc", { tags: { Environment: "prod", DataClassification: "secret", Owner: "platform-team" } })],
            message: 'tag DataClassification is "secret"',
        },
        {
            it: "a missing Owner",
            fixtures: [aws(VPC, "vpc", { tags: { Environment: "prod", DataClassification: "internal" } })],
            message: "tag Owner is missing",
        },
    ],
});

const dataKeyArn = "arn:aws:kms:us-east-1:123456789012:key/data";
const lt = aws("aws:ec2/launchTemplate:LaunchTemplate", "nodes", {
    metadataOptions: { httpTokens: "required" },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: dataKeyArn, volumeSize: 50, volumeType: "gp3" } }],
});
specControl("careplane-ec2-volumes-encrypted", {
    passes: [
        { it: "a launch template with a root volume encrypted with a customer key", fixtures: [lt] },
        {
            it: "an EBS volume encrypted with a customer key",
            fixtures: [aws("aws:ebs/volume:Volume", "data", { encrypted: true, kmsKeyId: dataKeyArn, size: 10 })],
        },
    ],
    fails: [
        {
            it: "an unencrypted root volume",
            fixtures: patch([lt], "nodes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }),
            message: "nodes (aws:ec2/launchTemplate:LaunchTemplate): volume /dev/xvda is not encrypted",
        },
        {
            it: "no block device mapping",
            fixtures: patch([lt], "nodes", { blockDeviceMappings: undefined }),
            message: "it leaves the root volume to the AMI's default",
        },
        {
            it: "a root volume encrypted with the account's default EBS key",
            fixtures: patch([lt], "nodes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }),
            message: "nodes (aws:ec2/launchTemplate:LaunchTemplate): volume /dev/xvda is encrypted with the account's default EBS key",
        },
        {
            it: "an unencrypted EBS volume",
            fixtures: [aws("aws:ebs/volume:Volume", "data", { size: 10 })],
            message: "data (aws:ebs/volume:Volume): the volume is not encrypted",
        },
        {
            it: "an EBS volume encrypted with the account's default EBS key",
            fixtures: [aws("aws:ebs/volume:Volume", "data", { encrypted: true, size: 10 })],
            message: "data (aws:ebs/volume:Volume): the volume is encrypted with the account's default EBS key",
        },
    ],
});

describe("CIDR ranges adding up to the whole internet", () => {
    it("finds 0.0.0.0/0 and ::/0 whichever way they are split, and only then", () => {
        expect(wholeInternet(["0.0.0.0/1", "128.0.0.0/1"])).to.deep.equal(["0.0.0.0/0"]);
        expect(wholeInternet(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1", "10.0.0.0/8"])).to.deep.equal(["0.0.0.0/0"]);
        expect(wholeInternet(["::/1", "8000::/1"])).to.deep.equal(["::/0"]);
        expect(wholeInternet(["0::/1", "8000:0:0:0:0:0:0:0/1", "0.0.0.0/0"])).to.deep.equal(["0.0.0.0/0", "::/0"]);
        expect(wholeInternet(["0.0.0.0/1", "128.0.0.0/2"])).to.deep.equal([]);
        expect(wholeInternet(["10.0.0.0/16", "not-a-cidr", "::/1"])).to.deep.equal([]);
    });
});

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
