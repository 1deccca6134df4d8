import { resourceControl } from "../lib/control";

export const subnetNoPublicIp = resourceControl({
    name: "careplane-subnet-no-public-ip",
    description: "No subnet assigns public IP addresses to what launches in it; internet exposure goes through load balancers only.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled"],
    types: ["aws:ec2/subnet:Subnet"],
    check: (props) => {
        const problems = [];
        if (props.mapPublicIpOnLaunch === true)
            problems.push({ problem: "it assigns public IPv4 addresses on launch", expected: "mapPublicIpOnLaunch: false" });
        if (props.assignIpv6AddressOnCreation === true)
            problems.push({ problem: "it assigns IPv6 addresses on creation", expected: "assignIpv6AddressOnCreation: false" });
        return problems;
    },
});
