import { Finding, resourceControl } from "../lib/control";

const ANYWHERE = ["0.0.0.0/0", "::/0"];

export const eksPrivateEndpoint = resourceControl({
    name: "careplane-eks-private-endpoint",
    description:
        "The EKS API server is reachable privately from the VPC; a public endpoint is allowed only in dev and only from an allowlist of CIDRs.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:eks/cluster:Cluster"],
    check: (props, subject) => {
        const env = subject.environment;
        const vpc = props.vpcConfig;
        const problems: Finding[] = [];
        if (vpc?.endpointPrivateAccess !== true) {
            problems.push({ problem: "the private API endpoint is off", expected: "vpcConfig.endpointPrivateAccess: true" });
        }
        if (vpc?.endpointPublicAccess !== false) {
            const cidrs: string[] = vpc?.publicAccessCidrs ?? [];
            if (env !== "dev") {
                problems.push({ problem: "the API endpoint is public", expected: `vpcConfig.endpointPublicAccess: false in ${env}` });
            } else if (cidrs.length === 0 || cidrs.some((c) => ANYWHERE.includes(c))) {
                problems.push({
                    problem: `the public API endpoint admits ${cidrs.length === 0 ? "any address" : cidrs.join(", ")}`,
                    expected: "vpcConfig.publicAccessCidrs limited to an allowlist of office or VPN ranges",
                });
            }
        }
        return problems;
    },
});
