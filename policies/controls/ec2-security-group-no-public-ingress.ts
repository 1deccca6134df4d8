import { Finding, stackControl } from "../lib/control";
import { wholeInternet } from "../lib/cidr";
import { ofType, referencedBy, StackResource, Typed } from "../lib/stack";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const LB_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"] as const;
const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"] as const;
const ANYWHERE = ["0.0.0.0/0", "::/0"];

interface Ingress {
    protocol: string;
    fromPort: number | undefined;
    toPort: number | undefined;
    sources: string[];
}

/** Ports an internet-facing load balancer may open to the world: 443, and 80 when it only redirects to HTTPS. */
function publicPorts(resources: StackResource[], group: StackResource): Set<number> {
    const ports = new Set<number>();
    for (const lb of ofType(resources, ...LB_TYPES)) {
        if (lb.props.internal !== false) continue;
        if (!referencedBy(lb, "securityGroups").some((g) => g.urn === group.urn)) continue;
        ports.add(443);
        const listeners = ofType(resources, ...LISTENER_TYPES).filter((l) =>
            referencedBy(l, "loadBalancerArn").some((d) => d.urn === lb.urn),
        );
        const redirectsOnly = (l: (typeof listeners)[number]) =>
            (l.props.defaultActions ?? []).length > 0 &&
            (l.props.defaultActions ?? []).every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS");
        if (listeners.some((l) => l.props.port === 80 && redirectsOnly(l))) ports.add(80);
    }
    return ports;
}

function inlineIngress(group: Typed<typeof SG>): Ingress[] {
    return (group.props.ingress ?? []).map((r) => ({
        protocol: String(r.protocol),
        fromPort: r.fromPort,
        toPort: r.toPort,
        sources: [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])],
    }));
}

function standaloneIngress(r: Typed<typeof INGRESS_RULE | typeof SG_RULE>): Ingress | undefined {
    if (r.type === INGRESS_RULE) {
        return {
            protocol: String(r.props.ipProtocol),
            fromPort: r.props.fromPort,
            toPort: r.props.toPort,
            sources: [r.props.cidrIpv4, r.props.cidrIpv6].filter((c): c is string => Boolean(c)),
        };
    }
    if (r.props.type !== "ingress") return undefined;
    return {
        protocol: String(r.props.protocol),
        fromPort: r.props.fromPort,
        toPort: r.props.toPort,
        sources: [...(r.props.cidrBlocks ?? []), ...(r.props.ipv6CidrBlocks ?? [])],
    };
}

function check(rule: Ingress, allowed: Set<number>): Finding | undefined {
    const open = rule.sources.filter((s) => ANYWHERE.includes(s));
    if (open.length === 0) return undefined;
    const allProtocols = rule.protocol === "-1" || rule.protocol === "all";
    const single = !allProtocols && rule.protocol === "tcp" && rule.fromPort === rule.toPort;
    if (single && rule.fromPort !== undefined && allowed.has(rule.fromPort)) return undefined;
    const ports = allProtocols
        ? "all ports"
        : rule.fromPort === rule.toPort
          ? `port ${rule.fromPort}`
          : `ports ${rule.fromPort}-${rule.toPort}`;
    return {
        problem: `ingress on ${ports}/${allProtocols ? "all protocols" : rule.protocol} is open to ${open.join(", ")}`,
        expected:
            allowed.size > 0
                ? `only ${[...allowed].sort((a, b) => b - a).join(" and ")}/tcp from anywhere on this internet-facing load balancer`
                : "ingress from security groups or private ranges only (0.0.0.0/0 and ::/0 are for the public load balancer's 443)",
    };
}

const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };
const protocolOf = (rule: Ingress) => (rule.protocol === "all" ? "-1" : (PROTOCOL_NAMES[rule.protocol] ?? rule.protocol));

/** Whether a rule admits traffic of a protocol on a port (ICMP has types, not ports: any). */
function admits(rule: Ingress, protocol: string, port: number): boolean {
    const p = protocolOf(rule);
    if (p === "-1") return true;
    if (p !== protocol) return false;
    return !["tcp", "udp"].includes(p) || ((rule.fromPort ?? NaN) <= port && port <= (rule.toPort ?? NaN));
}

/**
 * Ranges that add up to the whole internet across a group's rules (`0.0.0.0/1` and
 * `128.0.0.0/1`, on the same port or overlapping port ranges), where no one rule names
 * 0.0.0.0/0 or ::/0 itself. What the rules admit is constant between their port boundaries, so
 * probing each protocol at every boundary finds every such port.
 */
function addsUpToInternet(rules: Ingress[], allowed: Set<number>): Finding | undefined {
    const protocols = [...new Set([...rules.map(protocolOf).filter((p) => p !== "-1"), "tcp", "udp", "icmp"])];
    for (const protocol of protocols) {
        const boundaries = rules.filter((r) => protocolOf(r) === protocol).flatMap((r) => [r.fromPort ?? NaN, (r.toPort ?? NaN) + 1]);
        for (const port of [...new Set([0, ...boundaries])].filter((p) => p >= 0 && p <= 65535).sort((a, b) => a - b)) {
            if (protocol === "tcp" && allowed.has(port)) continue;
            const covering = rules.filter((r) => admits(r, protocol, port));
            const sources = covering.flatMap((r) => r.sources);
            const families = wholeInternet(sources).filter((family) => !sources.includes(family));
            if (families.length === 0) continue;
            const where = ["tcp", "udp"].includes(protocol) ? `port ${port}/${protocol}` : `protocol ${protocol}`;
            return {
                problem: `ingress on ${where} is open to the whole internet (${families.join(", ")}) through ${sources.join(", ")}`,
                expected:
                    "ingress from security groups or private ranges only; ranges that add up to 0.0.0.0/0 or ::/0 are the whole internet",
            };
        }
    }
    return undefined;
}

export const ec2SecurityGroupNoPublicIngress = stackControl({
    name: "careplane-ec2-security-group-no-public-ingress",
    description:
        "No security group admits traffic from 0.0.0.0/0 or ::/0, or from ranges that add up to them (0.0.0.0/1 + 128.0.0.0/1), except HTTPS (443) on an internet-facing load balancer and HTTP (80) there when it only redirects to HTTPS.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-EC2RestrictedSSH", "HIPAA.Security-EC2RestrictedCommonPorts"],
    types: [SG, INGRESS_RULE, SG_RULE],
    check: (resources, report) => {
        const standalone = ofType(resources, INGRESS_RULE, SG_RULE).flatMap((r) => {
            const rule = standaloneIngress(r);
            return rule ? [{ r, rule, group: referencedBy(r, "securityGroupId")[0] as StackResource | undefined }] : [];
        });
        for (const group of ofType(resources, SG)) {
            const allowed = publicPorts(resources, group);
            const inline = inlineIngress(group);
            for (const rule of inline) {
                const f = check(rule, allowed);
                if (f) report(group, f);
            }
            const attached = standalone.filter((x) => x.group?.urn === group.urn).map((x) => x.rule);
            const whole = addsUpToInternet([...inline, ...attached], allowed);
            if (whole) report(group, whole);
        }
        for (const { r, rule, group } of standalone) {
            const allowed = group ? publicPorts(resources, group) : new Set<number>();
            const f = check(rule, allowed) ?? (group ? undefined : addsUpToInternet([rule], allowed));
            if (f) report(r, f);
        }
    },
});
