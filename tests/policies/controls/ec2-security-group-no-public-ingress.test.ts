import { aws, patch, res, specControl, without } from "../../support/controls";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
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
